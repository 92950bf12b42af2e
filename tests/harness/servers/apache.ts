// Apache httpd (Debian's apache2) serving a directory with mod_autoindex, fully self-contained in a
// temp dir: our own config (no /etc/apache2 include), pid, logs and runtime files in the temp dir.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort, type RunningServer } from './ports.js';
import { makeTempDir, startWebServerProcess } from './processes.js';

export const APACHE_BINARY = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const ICONS = '/usr/share/apache2/icons';

/**
 * 'fancy': Debian's own mod_autoindex settings (mods-available/autoindex.conf: FancyIndexing,
 * VersionSort, HTMLTable), what an apache2 installed from the package lists.
 * 'plain': mod_autoindex with no IndexOptions at all, Apache's built-in default (a bare <ul>).
 */
export type ApacheIndexStyle = 'fancy' | 'plain';

/** Apache config strings: double-quoted, with " and \ escaped. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export async function startApacheAutoindex(
  rootDir: string,
  options: { style?: ApacheIndexStyle; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const style = options.style ?? 'fancy';
  const dir = await makeTempDir('apache');
  const port = await freePort();
  const root = quote(resolve(rootDir));
  const indexOptions =
    style === 'fancy'
      ? `IndexOptions FancyIndexing VersionSort HTMLTable NameWidth=* DescriptionWidth=* Charset=UTF-8
  AddIcon /icons/back.gif ..
  AddIcon /icons/folder.gif ^^DIRECTORY^^
  AddIcon /icons/blank.gif ^^BLANKICON^^
  AddIconByType (IMG,/icons/image2.gif) image/*
  AddIconByType (TXT,/icons/text.gif) text/*
  AddIcon /icons/compressed.gif .Z .z .tgz .gz .zip
  AddIcon /icons/layout.gif .html .shtml .htm .pdf
  DefaultIcon /icons/unknown.gif
  HeaderName HEADER.html
  ReadmeName README.html
  IndexIgnore .??* *~ *# RCS CVS *,v *,t`
      : '';
  // Why -X (below): one process, no children, running as the caller; User/Group are then ignored.
  // Why mpm_prefork: any MPM works with -X; prefork needs no extra thread settings.
  // Why KeepAlive Off: the one process serves one connection at a time, so a browser's idle
  // keep-alive connection would hold back its other requests (the listing's icons) for seconds.
  const conf = `
ServerRoot ${quote(dir)}
DefaultRuntimeDir ${quote(dir)}
PidFile ${quote(join(dir, 'apache2.pid'))}
ErrorLog ${quote(join(dir, 'error.log'))}
LogLevel warn
Mutex file:${dir} default
ServerName 127.0.0.1
KeepAlive Off
Listen 127.0.0.1:${port}
LoadModule mpm_prefork_module ${MODULES}/mod_mpm_prefork.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule mime_module ${MODULES}/mod_mime.so
LoadModule dir_module ${MODULES}/mod_dir.so
LoadModule alias_module ${MODULES}/mod_alias.so
LoadModule autoindex_module ${MODULES}/mod_autoindex.so
TypesConfig /etc/mime.types
AddType application/dicom .dcm
DirectoryIndex index.html
DocumentRoot ${root}
Alias /icons/ ${quote(`${ICONS}/`)}
<Directory ${quote(ICONS)}>
  Options FollowSymlinks
  Require all granted
</Directory>
<Directory ${root}>
  Options +Indexes
  Require all granted
  ${indexOptions}
</Directory>
`;
  const confPath = join(dir, 'apache2.conf');
  await writeFile(confPath, conf);
  // Why no APACHE_* environment: this config names every path itself and loads no envvars file.
  return startWebServerProcess(APACHE_BINARY, ['-X', '-f', confPath, '-d', dir], {
    name: `apache2 (${style} index)`,
    cwd: dir,
    tempDirs: [dir],
    logFiles: [join(dir, 'error.log')],
  }, port, options.timeoutMs);
}

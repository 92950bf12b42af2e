// The folders the directory-listing servers are run over: real DICOM files (dcmtk), a DICOM CD
// layout with a DICOMDIR (dcmtk's dcmmkdir), and a folder of ordinary files. Only synthetic patients.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeDicomFiles } from './dicom.js';

const run = promisify(execFile);

export interface ListingFolders {
  /** Only .dcm files, as makeDicomFiles writes them (one per synthetic patient). */
  dicom: string;
  /** A DICOM CD/export layout: DICOMDIR next to DICOM/PA000001/ST000001/SE000001/IM000001. */
  dicomdir: string;
  /** Photos, a PDF, text, a zip and a sub-folder: nothing medical. */
  ordinary: string;
}

/** The smallest valid PDF: one empty page. (Browsers show PDFs in their own viewer, where no content script runs.) */
export function minimalPdf(): string {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${body}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

async function tool(cmd: string, args: string[], cwd?: string): Promise<void> {
  try {
    await run(cmd, args, { cwd });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${cmd} ${args.join(' ')} failed: ${(error as Error).message}\n${stderr}`);
  }
}

/** Makes the three folders under `base` (which must exist and be empty of these names). */
export async function makeListingFolders(base: string): Promise<ListingFolders> {
  const folders: ListingFolders = { dicom: join(base, 'dicom'), dicomdir: join(base, 'dicomdir'), ordinary: join(base, 'ordinary') };
  const dcmFiles = await makeDicomFiles(folders.dicom);

  // dcmmkdir (General Purpose CD-R profile) needs ISO 9660 file names and a StudyTime and StudyID,
  // which img2dcm leaves empty; dcmodify fills them in on the copies.
  for (const [index, file] of dcmFiles.entries()) {
    const seriesDir = join(folders.dicomdir, 'DICOM', `PA${String(index + 1).padStart(6, '0')}`, 'ST000001', 'SE000001');
    await mkdir(seriesDir, { recursive: true });
    const image = join(seriesDir, 'IM000001');
    await copyFile(file, image);
    await tool('dcmodify', ['-nb', '-i', '(0008,0030)=090000', '-i', `(0020,0010)=${index + 1}`, image]);
  }
  await tool('dcmmkdir', ['+r', 'DICOM'], folders.dicomdir);

  // Ordinary files: real JPEGs (dcmtk renders the synthetic pictures), a PDF, text, a zip, a folder.
  await mkdir(join(folders.ordinary, 'Urlaub 2024'), { recursive: true });
  const photos = ['IMG_2041.jpg', 'IMG_2042.jpg'];
  for (const [index, photo] of photos.entries()) await tool('dcmj2pnm', ['+oj', dcmFiles[index % dcmFiles.length]!, join(folders.ordinary, photo)]);
  await writeFile(join(folders.ordinary, 'Rechnung-2024-03.pdf'), minimalPdf());
  await writeFile(join(folders.ordinary, 'notes.txt'), 'Shopping: bread, milk, coffee.\n');
  await tool('python3', ['-m', 'zipfile', '-c', 'photos.zip', ...photos], folders.ordinary);
  await writeFile(join(folders.ordinary, 'Urlaub 2024', 'README.txt'), 'Holiday pictures.\n');
  return folders;
}

/** Removes what makeListingFolders made. */
export async function removeListingFolders(folders: ListingFolders): Promise<void> {
  await Promise.all(Object.values(folders).map((dir) => rm(dir, { recursive: true, force: true })));
}


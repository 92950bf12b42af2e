// Synthetic DICOM files for the Orthanc tests, made with dcmtk's img2dcm.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SyntheticPatient {
  /** DICOM person name, family^given. */
  name: string;
  id: string;
  /** YYYYMMDD */
  birthDate: string;
  sex: 'F' | 'M' | 'O';
  /** YYYYMMDD */
  studyDate: string;
  accession: string;
  studyDescription: string;
  modality: string;
}

/** Obviously fake people; never put real-looking data into fixtures. */
export const SYNTHETIC_PATIENTS: readonly SyntheticPatient[] = [
  { name: 'TESTPERSON^ANNA', id: 'PC-TEST-0001', birthDate: '19700101', sex: 'F', studyDate: '20240105', accession: 'PCACC0001', studyDescription: 'CHEST XRAY', modality: 'CR' },
  { name: 'MUSTERMANN^MAX', id: 'PC-TEST-0002', birthDate: '19800202', sex: 'M', studyDate: '20240212', accession: 'PCACC0002', studyDescription: 'CT HEAD', modality: 'CT' },
  { name: 'DUPONT^CLAIRE', id: 'PC-TEST-0003', birthDate: '19900303', sex: 'F', studyDate: '20240320', accession: 'PCACC0003', studyDescription: 'MR KNEE', modality: 'MR' },
];

const SIZE = 64;

/**
 * A 64x64 24-bit BMP with a grey gradient and a bright disc.
 * Why BMP: img2dcm 3.6.7 reads only JPEG and BMP (`-i BMP`); BMP needs no encoder.
 * Why 24-bit: img2dcm turns any BMP into RGB anyway; grey pixels keep R=G=B.
 */
export function makeGreyBmp(seed = 0): Buffer {
  const rowBytes = SIZE * 3; // 192, already a multiple of 4, so no row padding
  const pixelBytes = rowBytes * SIZE;
  const bmp = Buffer.alloc(54 + pixelBytes);
  bmp.write('BM', 0, 'ascii');
  bmp.writeUInt32LE(bmp.length, 2);
  bmp.writeUInt32LE(54, 10); // pixel data offset
  bmp.writeUInt32LE(40, 14); // BITMAPINFOHEADER size
  bmp.writeInt32LE(SIZE, 18);
  bmp.writeInt32LE(SIZE, 22); // positive height: rows stored bottom-up
  bmp.writeUInt16LE(1, 26); // planes
  bmp.writeUInt16LE(24, 28); // bits per pixel
  bmp.writeUInt32LE(pixelBytes, 34);
  const cx = 20 + ((seed * 11) % 24);
  const cy = 32;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < 100;
      const grey = inDisc ? 230 : (x + y) * 2;
      const at = 54 + y * rowBytes + x * 3;
      bmp[at] = bmp[at + 1] = bmp[at + 2] = grey;
    }
  }
  return bmp;
}

function keysFor(patient: SyntheticPatient): string[] {
  const tags: Record<string, string> = {
    PatientName: patient.name,
    PatientID: patient.id,
    PatientBirthDate: patient.birthDate,
    PatientSex: patient.sex,
    StudyDate: patient.studyDate,
    AccessionNumber: patient.accession,
    StudyDescription: patient.studyDescription,
    Modality: patient.modality,
    SeriesDescription: `${patient.studyDescription} SERIES`,
    SeriesNumber: '1',
  };
  // execFile passes each value as one argv entry, so '^' and spaces need no quoting.
  return Object.entries(tags).flatMap(([keyword, value]) => ['-k', `${keyword}=${value}`]);
}

/**
 * Writes one study per patient into `dir` (created if missing) and returns the .dcm paths.
 * With `instancesPerStudy` > 1, later instances share the first one's study and series.
 */
export async function makeDicomFiles(
  dir: string,
  patients: readonly SyntheticPatient[] = SYNTHETIC_PATIENTS,
  options: { instancesPerStudy?: number } = {},
): Promise<string[]> {
  const instances = options.instancesPerStudy ?? 1;
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [index, patient] of patients.entries()) {
    const bmpPath = join(dir, `.source-${index}.bmp`);
    await writeFile(bmpPath, makeGreyBmp(index));
    const first = join(dir, `${patient.id}-1.dcm`);
    try {
      for (let n = 1; n <= instances; n++) {
        const out = join(dir, `${patient.id}-${n}.dcm`);
        // Why --series-from: reuses the first file's Study/Series UIDs, so Orthanc sees
        // one study with several instances. (--instance-inc fails: img2dcm leaves
        // InstanceNumber empty in the first file, so it is set explicitly instead.)
        const reuse = n === 1 ? [] : ['--series-from', first];
        const keys = [...keysFor(patient), '-k', `InstanceNumber=${n}`];
        await run('img2dcm', ['-q', '-i', 'BMP', ...reuse, ...keys, bmpPath, out]);
        files.push(out);
      }
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`img2dcm failed for ${patient.id}: ${(error as Error).message}\n${stderr}`);
    } finally {
      await rm(bmpPath, { force: true });
    }
  }
  return files;
}

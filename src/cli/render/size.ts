import { UsageError } from "../../shared/errors.js";

const decimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/** Docker's HumanSizeWithPrecision(size, 3): decimal units, three significant digits ("4.26MB"). */
export function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < decimalUnits.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(3))}${decimalUnits[unit]}`;
}

const binaryFactors: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** Docker's RAMInBytes: "512m", "1g", "64k", "1.5GiB", "100" (binary units); the error names `flag`. */
export function parseSize(text: string, flag: string): number {
  const found = /^(\d+(?:\.\d+)?) ?([kmgtpb])?(?:i?b)?$/i.exec(text.trim());
  if (!found?.[1]) {
    throw new UsageError(`invalid argument "${text}" for "${flag}" flag: invalid size: '${text}'`);
  }
  const unit = (found[2] ?? "").toLowerCase();
  return Math.round(Number(found[1]) * (binaryFactors[unit] ?? 1));
}

/** Like parseSize, but "-1" means unlimited (for --memory-swap). */
export function parseSizeOrUnlimited(text: string, flag: string): number {
  return text.trim() === "-1" ? -1 : parseSize(text, flag);
}

/**
 * Geohash cells (the public-domain geohash of G. Niemeyer): precision p splits longitude into
 * 2^⌈5p/2⌉ columns and latitude into 2^⌊5p/2⌋ rows, and names cell (column, row) by their
 * bits interleaved (longitude first) in base 32. A cell's name is a prefix of every finer cell
 * inside it, so "every point in this cell" is a prefix match on a sorted key.
 */
const BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";

/** The finest precision used: 12 characters, cells of about 3.7 cm × 1.9 cm. */
export const MAX_PRECISION = 12;

/** A latitude/longitude rectangle in degrees (never across the antimeridian). */
export interface Box {
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
}

/** How many columns (longitude) and rows (latitude) the cells of a precision form. */
export function grid(precision: number) {
  const bits = 5 * precision;
  return { columns: 2 ** Math.ceil(bits / 2), rows: 2 ** Math.floor(bits / 2) };
}

const indexOf = (value: number, min: number, span: number, count: number) =>
  Math.min(count - 1, Math.max(0, Math.floor(((value - min) / span) * count)));

/** The column of a longitude and the row of a latitude at a precision. */
export function cellIndex(lat: number, lon: number, precision: number) {
  const { columns, rows } = grid(precision);
  return { column: indexOf(lon, -180, 360, columns), row: indexOf(lat, -90, 180, rows) };
}

/** The geohash of the cell (column, row) at a precision. */
export function cellName(column: number, row: number, precision: number): string {
  const bits = 5 * precision;
  const columnBits = Math.ceil(bits / 2);
  const rowBits = Math.floor(bits / 2);
  let name = "";
  let chunk = 0;
  let columnBit = columnBits;
  let rowBit = rowBits;
  for (let bit = 0; bit < bits; bit++) {
    // Even bits are longitude, odd ones latitude, most significant first.
    const value =
      bit % 2 === 0
        ? Math.floor(column / 2 ** --columnBit) % 2
        : Math.floor(row / 2 ** --rowBit) % 2;
    chunk = chunk * 2 + value;
    if (bit % 5 === 4) {
      name += BASE32[chunk];
      chunk = 0;
    }
  }
  return name;
}

/** The geohash of a point at a precision (12 by default). */
export function encodeGeohash(lat: number, lon: number, precision = MAX_PRECISION): string {
  const { column, row } = cellIndex(lat, lon, precision);
  return cellName(column, row, precision);
}

/** The 32 cells one precision finer that make up a cell. */
export const childCells = (hash: string) => Array.from(BASE32, (character) => hash + character);

/** The rectangle a geohash names; throws on a character outside its alphabet. */
export function geohashBox(hash: string): Box {
  let column = 0;
  let row = 0;
  let bit = 0;
  for (const character of hash) {
    const chunk = BASE32.indexOf(character);
    if (chunk < 0) throw new Error(`Not a geohash: ${hash}`);
    for (let shift = 4; shift >= 0; shift--, bit++) {
      const value = (chunk >> shift) & 1;
      if (bit % 2 === 0) column = column * 2 + value;
      else row = row * 2 + value;
    }
  }
  const { columns, rows } = grid(hash.length);
  const width = 360 / columns;
  const height = 180 / rows;
  return {
    lonMin: -180 + column * width,
    lonMax: -180 + (column + 1) * width,
    latMin: -90 + row * height,
    latMax: -90 + (row + 1) * height,
  };
}

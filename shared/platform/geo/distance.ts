import type { Box } from "./geohash";

/** The Earth's mean radius (IUGG), the sphere every distance here is measured on. */
export const EARTH_RADIUS_KM = 6371.0088;

/** A point in degrees. */
export interface Point {
  lat: number;
  lon: number;
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two points in km (haversine: exact at short range too). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The longitude difference from `from` to `to`, wrapped into (−180, 180]. */
export function longitudeDelta(from: number, to: number): number {
  const delta = ((((to - from) % 360) + 540) % 360) - 180;
  return delta === -180 ? 180 : delta;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The exact great-circle distance in km from a point to the nearest point of a rectangle.
 * Inside the rectangle's longitudes the nearest point is straight north or south (a latitude
 * difference is never more than a distance). Outside them it lies on the meridian edge nearer in
 * longitude (at any latitude, distance grows with the longitude difference). Along that meridian
 * cos(distance) = a·sin(lat) + b·cos(lat) = c·cos(lat − foot), whose only maximum is `foot`: the
 * nearest point is the foot if it lies on the edge, else one of the edge's ends.
 */
export function distanceToBoxKm(point: Point, box: Box): number {
  const west = longitudeDelta(point.lon, box.lonMin);
  const east = longitudeDelta(point.lon, box.lonMax);
  if (west <= 0 && east >= 0) {
    const lat = clamp(point.lat, box.latMin, box.latMax);
    return distanceKm(point, { lat, lon: point.lon });
  }
  const lon = Math.abs(west) <= Math.abs(east) ? box.lonMin : box.lonMax;
  const phi = toRadians(point.lat);
  const a = Math.sin(phi);
  const b = Math.cos(phi) * Math.cos(toRadians(longitudeDelta(point.lon, lon)));
  const foot = (Math.atan2(a, b) * 180) / Math.PI;
  const candidates = [box.latMin, box.latMax];
  if (foot > box.latMin && foot < box.latMax) candidates.push(foot);
  return Math.min(...candidates.map((lat) => distanceKm(point, { lat, lon })));
}

/**
 * An upper bound in km of the distance from a point to any point of a rectangle: the distance to
 * its centre plus the centre's distance to its farthest corner (triangle inequality).
 */
export function farthestInBoxKm(point: Point, box: Box): number {
  const centre = { lat: (box.latMin + box.latMax) / 2, lon: (box.lonMin + box.lonMax) / 2 };
  const corners = [
    { lat: box.latMin, lon: box.lonMin },
    { lat: box.latMin, lon: box.lonMax },
    { lat: box.latMax, lon: box.lonMin },
    { lat: box.latMax, lon: box.lonMax },
  ];
  return distanceKm(point, centre) + Math.max(...corners.map((c) => distanceKm(centre, c)));
}

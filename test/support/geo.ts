// Spherical geometry written independently of shared/geo, for checking it.
import { EARTH_RADIUS_KM, type Point } from "#platform/geo/distance";

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (radians: number) => (radians * 180) / Math.PI;

/** The great-circle distance by unit vectors (atan2 of cross and dot): not haversine. */
export function vectorDistanceKm(a: Point, b: Point): number {
  const vector = ({ lat, lon }: Point) => {
    const [phi, lambda] = [radians(lat), radians(lon)];
    return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
  };
  const [x1, y1, z1] = vector(a) as [number, number, number];
  const [x2, y2, z2] = vector(b) as [number, number, number];
  const cross = Math.hypot(y1 * z2 - z1 * y2, z1 * x2 - x1 * z2, x1 * y2 - y1 * x2);
  return EARTH_RADIUS_KM * Math.atan2(cross, x1 * x2 + y1 * y2 + z1 * z2);
}

/** The point `km` from `from` in direction `bearing` (degrees from north), on the sphere. */
export function destination(from: Point, km: number, bearing: number): Point {
  const delta = km / EARTH_RADIUS_KM;
  const theta = radians(bearing);
  const phi1 = radians(from.lat);
  const phi2 = Math.asin(
    Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta),
  );
  const lambda =
    radians(from.lon) +
    Math.atan2(
      Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
      Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2),
    );
  return { lat: degrees(phi2), lon: ((degrees(lambda) + 540) % 360) - 180 };
}

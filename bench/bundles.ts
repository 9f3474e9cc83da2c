export default async function bundles() {
  console.log("(bundle sizes: written by the platform issue)");
}

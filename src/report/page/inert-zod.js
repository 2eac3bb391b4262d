// Stands in for zod in the page's what-if bundle (bundle.ts): the schema module the engine's
// imports load builds zod schemas at load time, and the page never validates anything.
// Every property, call and `new` returns this same object.
const z = new Proxy(function () {}, { get: () => z, apply: () => z, construct: () => z });
export { z };
export default z;

/** `.vue` modules for plain `tsc` (vue-tsc type-checks the components themselves). */
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, unknown>;
  export default component;
}

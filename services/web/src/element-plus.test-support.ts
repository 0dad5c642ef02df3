// Driving Element Plus controls from the browser tests (excluded from the build).
import type { Locator, Page } from "playwright-core";

/** Picks the option labelled `label` of the Element Plus select inside `within` (its list opens in the page's body). */
export const chooseOption = async (page: Page, within: Locator, label: string): Promise<void> => {
  await within.locator(".el-select__wrapper").first().click();
  await page.locator(".el-select-dropdown__item:visible", { hasText: label }).first().click();
};

/** Checks the Element Plus radio of `value` inside `within`. */
export const chooseRadio = async (within: Locator, value: string): Promise<void> => {
  await within.locator(`label.el-radio:has(input[value='${value}'])`).click();
};

/** Answers the open confirmation (ElMessageBox) with its confirm button. */
export const confirmDialog = async (page: Page): Promise<void> => {
  await page.locator(".el-message-box .el-message-box__btns .el-button--primary").click();
  await page.locator(".el-message-box").waitFor({ state: "hidden" });
};

/** Types `day` (YYYY-MM-DD) into the Element Plus date picker named `name` inside `within`. */
export const fillDate = async (within: Locator, name: string, day: string): Promise<void> => {
  const input = within.locator(`input[name='${name}']`);
  await input.fill(day);
  await input.press("Enter");
};

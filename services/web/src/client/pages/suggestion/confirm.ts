import { ElMessageBox } from "element-plus";
import "element-plus/es/components/message-box/style/css";
import type { Translate } from "../../i18n.js";

/** Asks the reader to confirm an act that cannot be undone (ElMessageBox); true when they confirm. */
export const confirmed = async (t: Translate, message: string, title: string, confirmText: string = t("common.submit")): Promise<boolean> => {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: confirmText, cancelButtonText: t("deputy-unit.cancel"), type: "warning" });
    return true;
  } catch {
    return false;
  }
};

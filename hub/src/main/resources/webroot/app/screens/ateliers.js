// Placeholder until WP-L delivers this screen (replaced by its own module).
export { title, mount, unmount } from "./preparation.js";

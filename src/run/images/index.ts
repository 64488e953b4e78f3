// Images a lesson names, made available on an engine: present, pulled, or built offline from
// images/<name>/ as labelled stand-ins.
export { EngineImages } from './engine-images.js'
export { buildStandIn, ensureImages, type ImageEvent, type ImageOptions } from './ensure-images.js'
export { parseImageName, recipeNameOf, type ImageName } from './image-name.js'
export { MissingImageError, type MissingImageReason } from './missing-image-error.js'
export { loadRecipe, recipeHashLabel, standInLabel, type Recipe } from './recipe.js'

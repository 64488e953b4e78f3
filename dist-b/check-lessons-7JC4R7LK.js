import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  checkClaims,
  checkProseDrift,
  checkSampleChanges,
  lintLesson
} from "./chunk-Y4U74EJ7.js";
import {
  SecretMasker,
  bindOutputVars,
  hasErrors,
  loadLesson,
  missingLessonsFolder,
  planExecutions,
  scanLessonsFolder,
  thawExecution,
  unknownLesson
} from "./chunk-V5KDF7BP.js";
import {
  location,
  relocateMessages
} from "./chunk-FZWPXLRH.js";
import "./chunk-F6MQOHON.js";
import {
  error,
  hasFatal
} from "./chunk-2OD3M2GK.js";
import "./chunk-V4RWK56N.js";

// dist/check-lessons.js
import { existsSync } from "node:fs";
import path from "node:path";
function reportSecrets(file, secrets) {
  const text = String(file.value);
  if (text === "")
    return;
  const masker = new SecretMasker({ values: secrets?.values ?? [], patterns: (secrets?.patterns ?? []).map((source) => new RegExp(source, "g")) });
  const place = location(file);
  for (const found of masker.locate(text)) {
    error(file, `Unexpected ${found.kind} in captures.json, expected no secret in a committed file: run \`shellbook build --refresh\` to capture it again masked, and revoke it`, place.toPoint(found.index), "secret-in-captures");
  }
}
async function checkLessons(options = {}) {
  const lessonsDir = path.resolve(options.lessonsDir ?? "lessons");
  if (!existsSync(lessonsDir))
    return { files: [missingLessonsFolder(lessonsDir)], ok: false };
  const folder = await scanLessonsFolder(lessonsDir);
  const known = folder.slugs;
  const files = options.slugs?.length ? [] : [...folder.files];
  for (const slug of options.slugs?.length ? options.slugs : known) {
    if (!known.includes(slug)) {
      files.push(unknownLesson(slug, known, lessonsDir));
      continue;
    }
    const lesson = await loadLesson(lessonsDir, slug, folder.lessons.find((entry) => entry.slug === slug)?.dir);
    files.push(...lesson.files);
    for (const plan of lesson.plans)
      lintLesson(plan.tree, plan.file, plan.locale);
    if (hasErrors(lesson) || lesson.plans.length === 0)
      continue;
    const planned = await planExecutions(lesson, false);
    files.push(planned.captures.file);
    reportSecrets(planned.captures.file, lesson.config?.secrets);
    for (const { group, decision } of planned.executions) {
      if (decision.kind === "frozen") {
        const run = thawExecution(lesson.slug, decision.execution);
        for (const plan of group.plans) {
          bindOutputVars(plan, run);
          checkClaims(plan, run, { lessonClaims: plan === group.runner });
          checkProseDrift(plan.tree, plan.file, run);
          checkSampleChanges(plan.tree, plan.file, run);
        }
      }
      if (decision.kind !== "run")
        continue;
      error(decision.file, `Unexpected stale captures: ${decision.reason}, expected captures.json to match what the lesson runs; run \`shellbook build\` with a Docker engine to refresh them`, decision.place, "stale-captures");
    }
  }
  const reported = relocateMessages(files);
  return { files: reported, ok: !hasFatal(reported) };
}
export {
  checkLessons
};

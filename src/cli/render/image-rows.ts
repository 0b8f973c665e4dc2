import type { ImageSummary } from "../../app/containers/api-types.js";
import { goTime, shortId } from "./container-rows.js";
import { ago } from "./duration.js";
import type { ListLayout } from "./format-list.js";
import { humanSize } from "./size.js";

const headers = {
  Repository: "REPOSITORY",
  Tag: "TAG",
  Digest: "DIGEST",
  ID: "IMAGE ID",
  CreatedSince: "CREATED",
  CreatedAt: "CREATED AT",
  Size: "SIZE",
  Containers: "CONTAINERS",
  SharedSize: "SHARED SIZE",
  UniqueSize: "UNIQUE SIZE",
  VirtualSize: "VIRTUAL SIZE",
};

/** `docker image ls`'s columns, with a DIGEST column when `digests`. */
export function imageLayout(digests: boolean): ListLayout {
  const digest = digests ? "{{.Digest}}\\t" : "";
  return {
    defaultTable: `table {{.Repository}}\\t{{.Tag}}\\t${digest}{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}`,
    headers,
  };
}

/** Splits `repo:tag` at the last colon after the last slash. */
function splitTag(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(":");
  if (colon > reference.lastIndexOf("/")) {
    return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  }
  return { repository: reference, tag: "<none>" };
}

/** The rows of `image ls`: one per tag (`<none>` for untagged images), newest first. */
export function imageRows(
  images: readonly ImageSummary[],
  options: { truncate: boolean; nowMs: number },
): Record<string, unknown>[] {
  const sorted = [...images].sort((a, b) => b.Created - a.Created || a.Id.localeCompare(b.Id));
  return sorted.flatMap((image) => {
    const refs = image.RepoTags.filter((tag) => tag !== "<none>:<none>").sort();
    const named = refs.length > 0 ? refs.map(splitTag) : [{ repository: "<none>", tag: "<none>" }];
    return named.map(({ repository, tag }) => {
      const digest = image.RepoDigests.find((d) => d.startsWith(`${repository}@`))?.split("@")[1];
      return {
        Containers: image.Containers < 0 ? "N/A" : String(image.Containers),
        CreatedAt: goTime(image.Created),
        CreatedSince: ago(image.Created * 1000, options.nowMs),
        Digest: digest ?? "<none>",
        ID: options.truncate ? shortId(image.Id) : image.Id,
        Repository: repository,
        SharedSize: image.SharedSize < 0 ? "N/A" : humanSize(image.SharedSize),
        Size: humanSize(image.Size),
        Tag: tag,
        UniqueSize: image.SharedSize < 0 ? "N/A" : humanSize(image.Size - image.SharedSize),
        VirtualSize: humanSize(image.Size),
      };
    });
  });
}

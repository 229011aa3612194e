"""Progress of an assignment compute, for the round page: the kernel calls
``progress(stage, done, total)``; `ComputeProgress` keeps each stage's duration and, while
the compute runs, a small cache entry keyed by the round that the page polls
(`experts:round_progress`). The stages and durations of the last run stay in the round's
result."""

import time

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

STAGE_LABELS = {
    "affinity": _("Affinity and conflicts"),
    "prepare": _("Preparing the instance"),
    "solve": _("Solving"),
    "fairness": _("Raising the weakest declarations"),
    "save": _("Saving the assignment"),
}
TTL = 3600
WRITE_EVERY = 0.2  # seconds between cache writes within one stage


def cache_key(round_pk: int) -> str:
    return f"wusong:experts:round-progress:{round_pk}"


def stage_label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, stage))


def current(round_pk: int) -> dict:
    """What the last or running compute of the round reported, labelled in the active
    language (the cache keeps stage keys only); {} when nothing."""
    entry = cache.get(cache_key(round_pk)) or {}
    if not entry:
        return {}
    return {
        **entry,
        "label": stage_label(entry["stage"]) if entry.get("stage") else "",
        "stages": [{**s, "label": stage_label(s["stage"])} for s in entry.get("stages", [])],
    }


class ComputeProgress:
    """A ``progress(stage, done, total)`` callback that times stages and publishes them.
    `also` is another callback to pass the calls on to."""

    def __init__(self, round_pk: int, also=None, clock=time.monotonic):
        self.key = cache_key(round_pk)
        self.also = also
        self.clock = clock
        self.started = clock()
        self.stages: list[dict] = []
        self._written = 0.0
        self._publish(running=True, force=True)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        last = self.stages[-1] if self.stages else None
        changed = last is None or last["stage"] != stage
        if changed:
            if last is not None:
                last["seconds"] = round(now - last["_start"], 3)
            last = {"stage": stage, "_start": now, "seconds": 0.0}
            self.stages.append(last)
        last.update(done=int(done), total=int(total), seconds=round(now - last["_start"], 3))
        self._publish(running=True, force=changed or done >= total)
        if self.also is not None:
            self.also(stage, done, total)

    def finish(self, *, failed: bool = False) -> list[dict]:
        """Close the last stage; the record stays readable for a while."""
        if self.stages:
            last = self.stages[-1]
            last["seconds"] = round(self.clock() - last["_start"], 3)
        self._publish(running=False, failed=failed, force=True)
        return self.summary()

    def summary(self) -> list[dict]:
        return [
            {"stage": s["stage"], "seconds": s["seconds"], "done": s["done"], "total": s["total"]}
            for s in self.stages
        ]

    def _publish(self, *, running: bool, failed: bool = False, force: bool = False) -> None:
        now = self.clock()
        if not force and now - self._written < WRITE_EVERY:
            return
        self._written = now
        last = self.stages[-1] if self.stages else None
        cache.set(
            self.key,
            {
                "running": running,
                "failed": failed,
                "elapsed": round(now - self.started, 3),
                "stage": last["stage"] if last else "",
                "done": last["done"] if last else 0,
                "total": last["total"] if last else 0,
                "stages": [{"stage": s["stage"], "seconds": s["seconds"]} for s in self.summary()],
            },
            TTL,
        )

"""Every declared transition says who may fire it, so the one transition engine can
refuse anyone else; a transition added without `permission=` fails here by name."""

from django.apps import apps


def transitions():
    for model in apps.get_models():
        for name in dir(model):
            meta = getattr(getattr(model, name, None), "_django_fsm", None)
            if meta is not None:
                for transition in meta.transitions.values():
                    yield f"{model._meta.label}.{name}", transition


def test_every_transition_declares_its_permission():
    found = list(transitions())
    assert len(found) > 50  # the workflows of calls, experts, meetings, notices, funding…
    unguarded = sorted({label for label, t in found if t.permission is None})
    assert not unguarded, unguarded

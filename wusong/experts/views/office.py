"""The officer's pages: the expert pool, review rounds, the assignment and the ranking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wusong.audit.pages import page_action, report_refusal
from wusong.calls import selectors as call_selectors
from wusong.errors import ActionRefused

from .. import permissions, selectors, services
from .. import progress as compute_progress
from ..forms import (
    DrawForm,
    DuplicateDecisionForm,
    ExpertForm,
    FeeForm,
    ImportForm,
    PairRuleForm,
    PanelForm,
    RatingForm,
    RoundForm,
)
from ..services.pool import EXPERT_FIELDS
from ..states import RoundState
from .common import pool_manager, round_read, round_run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def pool(request):
    pool_manager(request)
    form = ImportForm()
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = services.experts_import(request.user, form.cleaned_data["file"])
            if report.ok:
                messages.success(
                    request,
                    _("%(n)s experts imported.") % {"n": len(report.created)},
                )
                if report.organisations_created:
                    messages.info(
                        request,
                        _("New organisations registered: %(names)s.")
                        % {"names": "、".join(report.organisations_created)},
                    )
                return redirect("experts:pool")
    q = request.GET.get("q", "").strip()
    return render(
        request,
        "experts/pool.html",
        {"experts": selectors.expert_pool(q), "form": form, "report": report, "q": q},
    )


@login_required
def import_template(request):
    pool_manager(request)
    response = HttpResponse(selectors.expert_import_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="experts-template.xlsx"'
    return response


def _expert_data(form) -> dict:
    return {k: form.cleaned_data[k] for k in EXPERT_FIELDS if k in form.cleaned_data}


@login_required
def expert_new(request):
    pool_manager(request)
    form = ExpertForm(request.POST or None, adding=True)
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_create(
                request.user,
                form.cleaned_data["organisation"],
                _expert_data(form),
                account=form.cleaned_data["account"],
            )
        except (ActionRefused, ValidationError) as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("Expert added."))
            return redirect("experts:expert", expert.pk)
    return render(request, "experts/expert_form.html", {"form": form})


@login_required
def expert_detail(request, pk):
    pool_manager(request)
    expert = get_object_or_404(selectors.experts_with_accounts(), pk=pk)
    form = ExpertForm(request.POST or None, instance=expert, prefix="e")
    rounds = selectors.expert_rounds(request.user, expert)
    fee_form = FeeForm(prefix="fee")
    rating_form = RatingForm(prefix="rating", rounds=rounds)
    if request.method == "POST":
        try:
            if "save" in request.POST and form.is_valid():
                services.expert_update(
                    request.user, expert, _expert_data(form), form.cleaned_data["organisation"]
                )
                messages.success(request, _("Saved."))
                return redirect("experts:expert", pk)
            if "fee" in request.POST:
                fee_form = FeeForm(request.POST, prefix="fee")
                if fee_form.is_valid():
                    services.fee_record(
                        request.user,
                        expert,
                        fee_form.cleaned_data["amount"],
                        fee_form.cleaned_data["occasion"],
                    )
                    messages.success(request, _("Fee recorded."))
                    return redirect("experts:expert", pk)
            if "rate" in request.POST:
                rating_form = RatingForm(request.POST, prefix="rating", rounds=rounds)
                if rating_form.is_valid():
                    services.rating_record(
                        request.user,
                        expert,
                        rating_form.cleaned_data["round"],
                        rating_form.cleaned_data["rating"],
                        rating_form.cleaned_data["comment"],
                    )
                    messages.success(request, _("Rating recorded."))
                    return redirect("experts:expert", pk)
        except (ActionRefused, ValidationError) as exc:
            report_refusal(request, exc, form)
    if request.method != "POST" or "save" not in request.POST:
        form = ExpertForm(
            instance=expert, prefix="e", initial={"organisation": expert.organisation}
        )
    return _expert_page(request, expert, form, fee_form, rating_form)


def _expert_page(request, expert, form=None, fee_form=None, rating_form=None, **extra):
    if form is None:
        form = ExpertForm(
            instance=expert, prefix="e", initial={"organisation": expert.organisation}
        )
    if rating_form is None:
        rating_form = RatingForm(
            prefix="rating", rounds=selectors.expert_rounds(request.user, expert)
        )
    return render(
        request,
        "experts/expert_detail.html",
        {
            "expert": expert,
            "form": form,
            "fee_form": fee_form or FeeForm(prefix="fee"),
            "rating_form": rating_form,
            "record": selectors.expert_record(expert),
            "history": selectors.expert_history(expert),
            **extra,
        },
    )


@never_cache
@login_required
def expert_password_link(request, pk):
    """Create a one-time link for the expert to set their password, and show it on the
    expert's page (never stored; the page is not cached). Only by POST, and "not found"
    for anyone who does not manage the pool."""
    pool_manager(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    expert = get_object_or_404(selectors.experts_with_accounts(), pk=pk)
    try:
        link, emailed = services.password_link_create(
            request.user, expert, base_url=request.build_absolute_uri("/")
        )
    except (ActionRefused, ValidationError) as exc:
        report_refusal(request, exc)
        return redirect("experts:expert", pk)
    return _expert_page(request, expert, password_link=link, password_link_emailed=emailed)


@login_required
def rounds(request):
    if not permissions.sees_rounds(request.user):
        raise Http404
    return render(
        request,
        "experts/rounds.html",
        {
            "rounds": selectors.rounds_listed(request.user),
            "calls": selectors.calls_to_review(request.user),
        },
    )


@login_required
def round_new(request, code):
    call = get_object_or_404(call_selectors.call_list(), code=code)
    if not permissions.runs_programme_of_call(request.user, call):
        raise Http404
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            review_round = services.round_create(request.user, call, data)
        except (ActionRefused, ValidationError) as exc:
            report_refusal(request, exc, form)
        else:
            return redirect("experts:round", review_round.pk)
    return render(request, "experts/round_form.html", {"form": form, "call": call})


@login_required
def round_detail(request, pk):
    review_round = round_read(request, pk)
    runs = permissions.runs_round(request.user, review_round)
    editable = runs and review_round.state == RoundState.SETUP
    context = {
        "round": review_round,
        "runs": runs,
        "editable": editable,
        "view": selectors.round_assignment(review_round),
        "progress": selectors.round_progress(review_round),
        "result": review_round.result or {},
        "stages": [
            {**s, "label": compute_progress.stage_label(s["stage"])}
            for s in (review_round.result or {}).get("stages", [])
        ],
        "computing": compute_progress.current(review_round.pk).get("running", False),
        "duplicates": selectors.duplicate_flags(review_round.call),
        "draws": selectors.round_draws(review_round),
        "conflicts": selectors.round_conflicts(review_round) if runs else [],
    }
    if runs:
        context["panel_form"] = PanelForm()
    if editable:
        context.update(
            settings_form=RoundForm(instance=review_round),
            draw_form=DrawForm(initial={"seed": review_round.seed}),
            rule_form=PairRuleForm(review_round=review_round),
        )
    return render(request, "experts/round_detail.html", context)


@login_required
def round_progress(request, pk):
    """The running (or last) assignment compute of the round, for the page's poller."""
    review_round = round_read(request, pk)
    return JsonResponse(compute_progress.current(review_round.pk))


@login_required
@require_POST
def round_settings(request, pk):
    review_round = round_run(request, pk)
    form = RoundForm(request.POST, instance=selectors.round_by_id(pk))
    if not form.is_valid():
        for field, errors in form.errors.items():
            for e in errors:
                messages.error(
                    request, f"{form.fields[field].label if field in form.fields else ''} {e}"
                )
        return redirect("experts:round", pk)
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return page_action(
        request,
        lambda: services.round_update(request.user, review_round, data),
        then=redirect("experts:round", review_round.pk),
    )


@login_required
@require_POST
def round_solve(request, pk):
    review_round = round_run(request, pk)

    def solve():
        done = services.assignment_compute(request.user, review_round)
        messages.success(
            request,
            _("Assignment computed: %(filled)s of %(required)s places filled.")
            % {"filled": done.result["filled"], "required": done.result["required"]},
        )

    return page_action(request, solve, then=redirect("experts:round", review_round.pk))


@login_required
@require_POST
def round_draw(request, pk):
    review_round = round_run(request, pk)
    form = DrawForm(request.POST)
    seed = form.cleaned_data.get("seed") if form.is_valid() else None

    def draw():
        done = services.random_draw(request.user, review_round, seed=seed)
        messages.success(request, _("Experts drawn with seed %(seed)s.") % {"seed": done.seed})

    return page_action(request, draw, then=redirect("experts:round", review_round.pk))


@login_required
@require_POST
def round_panel(request, pk):
    review_round = round_run(request, pk)
    form = PanelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the panel size."))
        return redirect("experts:round", pk)

    def draw():
        panel = services.panel_draw(
            request.user, review_round, form.cleaned_data["size"], seed=form.cleaned_data["seed"]
        )
        names = "、".join(
            e.name
            + (
                _(" (recused on %(refs)s)") % {"refs": ", ".join(panel.recusals[e.pk])}
                if panel.recusals[e.pk]
                else ""
            )
            for e in panel.members
        )
        messages.success(
            request,
            _("Panel drawn with seed %(seed)s: %(names)s.")
            % {"seed": panel.draw.seed, "names": names},
        )
        if panel.short_by:
            messages.error(
                request,
                _("%(n)s fewer members than asked: not enough eligible experts.")
                % {"n": panel.short_by},
            )

    return page_action(request, draw, then=redirect("experts:round", review_round.pk))


@login_required
@require_POST
def round_rule(request, pk):
    review_round = round_run(request, pk)
    form = PairRuleForm(request.POST, review_round=review_round)
    if not form.is_valid():
        messages.error(request, _("Choose a declaration of the round, an expert and a rule."))
        return redirect("experts:round", pk)
    d, e = form.cleaned_data["declaration"], form.cleaned_data["expert"]
    if request.POST.get("clear"):
        return page_action(
            request,
            lambda: services.pair_rule_clear(request.user, review_round, d, e),
            then=redirect("experts:round", review_round.pk),
        )
    return page_action(
        request,
        lambda: services.pair_rule_set(request.user, review_round, d, e, form.cleaned_data["kind"]),
        then=redirect("experts:round", review_round.pk),
    )


@login_required
@require_POST
def round_publish(request, pk):
    review_round = round_run(request, pk)
    return page_action(
        request,
        lambda: services.round_publish(request.user, review_round),
        then=redirect("experts:round", review_round.pk),
    )


@login_required
@require_POST
def round_close(request, pk):
    review_round = round_run(request, pk)
    return page_action(
        request,
        lambda: services.round_close(request.user, review_round),
        then=redirect("experts:round", review_round.pk),
    )


@login_required
@require_POST
def duplicates_check(request, pk):
    review_round = round_run(request, pk)

    def check():
        n = services.duplicates_flag(request.user, review_round.call)
        messages.info(request, _("%(n)s new possible duplicates flagged.") % {"n": n})

    return page_action(request, check, then=redirect("experts:round", review_round.pk))


@login_required
@require_POST
def duplicate_decide(request, pk, flag_pk):
    review_round = round_run(request, pk)
    flag = get_object_or_404(selectors.duplicate_flags(review_round.call), pk=flag_pk)
    form = DuplicateDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("experts:round", pk)
    return page_action(
        request,
        lambda: services.duplicate_decide(
            request.user, flag, form.cleaned_data["decision"], form.cleaned_data["note"]
        ),
        then=redirect("experts:round", review_round.pk),
    )


@login_required
def round_ranking(request, pk):
    review_round = round_read(request, pk)
    return render(
        request,
        "experts/ranking.html",
        {
            "round": review_round,
            "lines": selectors.ranking(review_round),
            "progress": selectors.round_progress(review_round),
            "criteria": selectors.round_criteria(review_round),
        },
    )

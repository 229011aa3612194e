"""The expert's review desk: commitment, conflict check, reading and scoring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import report_refusal
from wusong.errors import ActionRefused

from .. import permissions, selectors, services
from ..forms import ConflictForm, ScoreForm
from ..models import COMMITMENT_TEXT, ReviewRound


def _expert(request):
    expert = permissions.expert_of(request.user)
    if expert is None:
        raise Http404
    return expert


def _own(request, pk):
    """The expert's own live assignment, or 404: another expert's, a withdrawn one or one
    with a declared conflict is not found."""
    _expert(request)
    return get_object_or_404(permissions.assignments_of_expert(request.user), pk=pk)


@login_required
def desk(request):
    expert = _expert(request)
    return render(
        request,
        "experts/desk.html",
        {
            "expert": expert,
            "rounds": selectors.desk_rounds(request.user, expert),
            "commitment_text": COMMITMENT_TEXT,
        },
    )


@login_required
@require_POST
def commit(request, round_pk):
    _expert(request)
    review_round = get_object_or_404(ReviewRound, pk=round_pk)
    try:
        services.commitment_accept(request.user, review_round)
    except ActionRefused:
        raise Http404 from None
    messages.success(request, _("Commitment accepted."))
    return redirect("experts:desk")


@login_required
def assignment(request, pk):
    a = _own(request, pk)
    if not permissions.has_committed(a.expert, a.round):
        messages.info(request, _("Accept the commitment (承诺书) for this round first."))
        return redirect("experts:desk")
    if a.no_conflict_confirmed_at is None:
        return render(
            request,
            "experts/desk_conflict.html",
            {"a": a, "decl": a.declaration, "form": ConflictForm()},
        )
    criteria = selectors.round_criteria(a.round)
    sheet = selectors.assignment_sheet(a)
    initial = {}
    if sheet:
        initial = {f"c_{code}": score for code, score in selectors.sheet_scores(sheet).items()}
        initial.update(comment=sheet.comment, recommendation=sheet.recommendation)
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.score_save(
                request.user,
                a,
                form.scores(),
                comment=form.cleaned_data["comment"],
                recommendation=form.cleaned_data["recommendation"],
                submit=submit,
            )
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                target = f"c_{key}" if f"c_{key}" in form.fields else key
                for e in errors:
                    form.add_error(target if target in form.fields else None, e)
        except ActionRefused as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, _("Scores submitted.") if submit else _("Draft saved."))
            return redirect("experts:assignment", a.pk)
    decl = a.declaration
    return render(
        request,
        "experts/desk_assignment.html",
        {
            "a": a,
            "decl": decl,
            "sheet": sheet,
            "form": form,
            "locked": (sheet and sheet.state == "submitted") or a.round.deadline_passed(),
            "team": decl.team.all(),
            "milestones": decl.milestones.all(),
            "attachments": decl.attachments.all(),
        },
    )


@login_required
@require_POST
def confirm(request, pk):
    a = _own(request, pk)
    try:
        services.conflict_confirm_none(request.user, a)
    except ActionRefused as exc:
        report_refusal(request, exc)
        return redirect("experts:desk")
    return redirect("experts:assignment", a.pk)


@login_required
@require_POST
def declare(request, pk):
    a = _own(request, pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the conflict of interest is."))
        return redirect("experts:assignment", a.pk)
    try:
        services.conflict_declare(request.user, a, form.cleaned_data["reason"])
    except ActionRefused as exc:
        report_refusal(request, exc)
        return redirect("experts:assignment", a.pk)
    messages.success(
        request,
        _("Conflict declared. The assignment is withdrawn and the office finds a replacement."),
    )
    return redirect("experts:desk")


@login_required
def attachment_download(request, pk, attachment_pk):
    a = _own(request, pk)
    if not permissions.may_open_declaration(request.user, a):
        raise Http404
    att = get_object_or_404(a.declaration.attachments, pk=attachment_pk)
    try:
        handle = att.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=att.original_name)

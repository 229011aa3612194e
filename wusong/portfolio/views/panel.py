"""The expert panel of a mid-term check or acceptance: the officer forms it, sees the
scores and records the outcome; each member scores on their own sheet. Anyone else —
the company included — is told the page does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal
from wusong.errors import ActionRefused
from wusong.funding.permissions import runs_agreement
from wusong.meetings.models import Meeting, Purpose

from .. import check_meetings, permissions, selectors
from ..forms import CheckMeetingForm, PanelScoreForm
from ..models import AgreementCheck
from ..services import panel as panels


def _check(pk) -> AgreementCheck:
    return get_object_or_404(
        AgreementCheck.objects.select_related(
            "agreement__declaration__call__programme", "agreement__recipient"
        ),
        pk=pk,
    )


def _back(check_pk):
    return redirect("portfolio:check_panel", check_pk=check_pk)


@login_required
def panels_mine(request):
    """The checks the expert sits on, with the state of their sheet."""
    return render(request, "portfolio/panels.html", {"rows": selectors.panels_of(request.user)})


@login_required
def check_panel(request, check_pk):
    return _panel_page(request, _check(check_pk))


def _score_form(member, sitting, data=None) -> PanelScoreForm:
    return PanelScoreForm(
        data,
        criteria=member.panel.rubric.criteria.all(),
        sheet=selectors.panel_sheet(member, sitting),
    )


def _panel_page(request, check, score_form=None):
    """The panel page: the officer's panel, or the member's sheet. `score_form` is a
    member's sheet sent back with its errors; it is shown whoever sent it."""
    user = request.user
    officer = runs_agreement(user, check.agreement)
    member = (
        permissions.panel_member_of(user, check) if score_form is not None or not officer else None
    )
    if not officer and member is None:
        raise Http404
    context = selectors.panel_page(check, officer=officer, member=member)
    if context["hear_at_meeting"]:
        context["meeting_form"] = CheckMeetingForm()
    if member is not None:
        score_form = score_form or _score_form(member, context["sitting"])
        context |= {"score_form": score_form, "sheet": score_form.sheet}
    return render(request, "portfolio/panel.html", context)


@login_required
@require_POST
def panel_form(request, check_pk):
    check = _check(check_pk)
    if not runs_agreement(request.user, check.agreement):
        raise Http404
    if request.POST.get("method") == "chosen":
        chosen = {"experts": request.POST.getlist("experts")}
    else:
        try:
            chosen = {"size": int(request.POST.get("size", ""))}
        except ValueError:
            chosen = {"size": None}
    return page_action(
        request,
        lambda: panels.panel_form(request.user, check, **chosen),
        then=_back(check_pk),
        success=_("Panel formed."),
    )


@login_required
@require_POST
def panel_score(request, check_pk):
    """Save or submit the member's sheet. Refused input comes back on the page as typed,
    each error beside its field, and nothing is saved."""
    check = _check(check_pk)
    member = permissions.panel_member_of(request.user, check)
    if member is None:
        raise Http404
    form = _score_form(member, selectors.sitting_of(check), request.POST)
    submit = request.POST.get("action") == "submit"
    if form.is_valid():
        try:
            panels.panel_score_save(
                request.user,
                member,
                form.scores(),
                comment=form.cleaned_data["comment"],
                recommendation=form.cleaned_data["recommendation"],
                submit=submit,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except ActionRefused as exc:
            report_refusal(request, exc)
            return _back(check_pk)
        else:
            messages.success(request, _("Scores submitted.") if submit else _("Draft saved."))
            return _back(check_pk)
    return _panel_page(request, check, score_form=form)


@login_required
@require_POST
def panel_decide(request, check_pk):
    check = _check(check_pk)
    if not runs_agreement(request.user, check.agreement):
        raise Http404
    return page_action(
        request,
        lambda: panels.panel_decide(
            request.user,
            check,
            request.POST.get("outcome", ""),
            request.POST.get("findings", ""),
            consequence=request.POST.get("consequence", ""),
        ),
        then=_back(check_pk),
        success=_("Outcome recorded."),
    )


@login_required
@require_POST
def check_meeting(request, check_pk):
    """Put the check on a review meeting: a new one for its panel, or a scheduled check
    meeting of the same call."""
    check = _check(check_pk)
    if not runs_agreement(request.user, check.agreement):
        raise Http404
    try:
        if request.POST.get("meeting"):
            meeting = get_object_or_404(Meeting, pk=request.POST["meeting"], purpose=Purpose.CHECK)
            check_meetings.check_agenda_add(request.user, meeting, check)
        else:
            form = CheckMeetingForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return _back(check_pk)
            meeting = check_meetings.check_meeting_schedule(request.user, check, form.cleaned_data)
    except REFUSALS as exc:
        report_refusal(request, exc)
        return _back(check_pk)
    messages.success(
        request, _("The check is on the agenda of %(meeting)s.") % {"meeting": meeting}
    )
    return redirect("meetings:meeting", pk=meeting.pk)

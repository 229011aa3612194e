"""The office's meeting pages. The officer schedules a meeting, sets the panel (or draws
it) and the agenda, records attendance, notes and votes, closes it and prints the
minutes; leaders read. Thin: parse, authorise, call a service or selector, render.
Anything a user may not see is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal
from wusong.calls import permissions as call_permissions
from wusong.calls.models import Call
from wusong.documents.responses import pdf_response

from .. import permissions, selectors, services
from ..forms import (
    AttendanceForm,
    ItemForm,
    MeetingForm,
    MemberForm,
    PanelDrawForm,
    ReasonForm,
    RecusalForm,
)
from ..minutes import meeting_minutes_pdf
from ..models import Meeting
from ..workflow import MeetingState


def _read(request, pk) -> Meeting:
    """A meeting this user may read in the office; otherwise 404."""
    return get_object_or_404(selectors.meetings_for_office(request.user), pk=pk)


def _run(request, pk) -> Meeting:
    meeting = _read(request, pk)
    if not permissions.runs_meeting(request.user, meeting):
        raise Http404
    return meeting


def _back(meeting):
    return redirect("meetings:meeting", pk=meeting.pk)


@login_required
def meeting_list(request):
    if not permissions.works_on_meetings(request.user):
        raise Http404
    meetings = selectors.meetings_for_office(request.user)
    calls = selectors.calls_for_meetings(request.user)
    return render(request, "meetings/list.html", {"meetings": meetings, "calls": calls})


@login_required
def meeting_new(request, code):
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    if not call_permissions.runs_programme(request.user, call.programme):
        raise Http404
    form = MeetingForm(request.POST or None, call=call, scheduling=True)
    if request.method == "POST" and form.is_valid():
        decls = list(form.cleaned_data["declarations"])
        try:
            meeting = services.meeting_schedule(
                request.user,
                call,
                form.meeting_data(),
                experts=list(form.cleaned_data["experts"]),
                declarations=decls,
            )
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect("meetings:meeting", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "call": call})


@login_required
def meeting_edit(request, pk):
    meeting = _run(request, pk)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(request.user, meeting, form.meeting_data())
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("Saved."))
            return redirect("meetings:meeting", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "call": meeting.call, "meeting": meeting},
    )


@login_required
def meeting_detail(request, pk):
    meeting = _read(request, pk)
    runs = permissions.runs_meeting(request.user, meeting)
    members = selectors.meeting_members(meeting)
    scheduled = meeting.state == MeetingState.SCHEDULED
    context = {
        "meeting": meeting,
        "runs": runs,
        "members": members,
        "lines": selectors.meeting_lines(meeting),
        "history": selectors.meeting_history(meeting),
        "scheduled": scheduled,
        "in_session": meeting.state == MeetingState.IN_SESSION,
    }
    if runs and scheduled:
        context.update(
            member_form=MemberForm(),
            draw_form=PanelDrawForm(),
            reason_form=ReasonForm(),
            agenda_form=meeting.agenda_kind.agenda_form(meeting),  # None: nothing to add
        )
    if runs and meeting.state in (MeetingState.SCHEDULED, MeetingState.IN_SESSION):
        context["attendance_form"] = AttendanceForm(members=members)
        context["recusal_form"] = RecusalForm(members=members)
    return render(request, "meetings/detail.html", context)


@login_required
@require_POST
def meeting_members(request, pk):
    meeting = _run(request, pk)
    experts = [m.expert for m in selectors.meeting_members(meeting)]
    if request.POST.get("remove"):
        experts = [e for e in experts if str(e.pk) != request.POST["remove"]]
    else:
        form = MemberForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an expert."))
            return redirect("meetings:meeting", pk=pk)
        experts.append(form.cleaned_data["expert"])
    return page_action(
        request, lambda: services.members_set(request.user, meeting, experts), then=_back(meeting)
    )


@login_required
@require_POST
def meeting_panel_draw(request, pk):
    meeting = _run(request, pk)
    form = PanelDrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the panel size."))
        return redirect("meetings:meeting", pk=pk)

    def draw():
        drawn = services.panel_draw_for_meeting(
            request.user, meeting, form.cleaned_data["size"], seed=form.cleaned_data["seed"]
        )
        messages.success(
            request,
            _("Panel drawn with seed %(seed)s: %(names)s.")
            % {"seed": drawn.draw.seed, "names": "、".join(e.name for e in drawn.members)},
        )
        if drawn.short_by:
            messages.error(
                request,
                _("%(n)s fewer members than asked: not enough eligible experts.")
                % {"n": drawn.short_by},
            )

    return page_action(request, draw, then=_back(meeting))


@login_required
@require_POST
def meeting_agenda(request, pk):
    meeting = _run(request, pk)
    items = list(meeting.items.all())
    post = request.POST
    if post.get("propose") and meeting.selects:
        decls = selectors.agenda_proposal(meeting)
        return page_action(
            request,
            lambda: services.agenda_set(request.user, meeting, decls),
            then=_back(meeting),
        )
    if post.get("remove"):
        items = [i for i in items if str(i.pk) != post["remove"]]
    elif post.get("up") or post.get("down"):
        key = post.get("up") or post.get("down")
        at = next((n for n, i in enumerate(items) if str(i.pk) == key), None)
        to = None if at is None else at - 1 if post.get("up") else at + 1
        if at is not None and 0 <= to < len(items):
            items[at], items[to] = items[to], items[at]
    else:
        kind = meeting.agenda_kind
        form = kind.agenda_form(meeting, post)
        if form is None or not form.is_valid():
            messages.error(request, kind.agenda_choose)
            return _back(meeting)
        return page_action(
            request,
            lambda: kind.agenda_add(request.user, meeting, form),
            then=_back(meeting),
            success=kind.agenda_added,
        )
    return page_action(
        request,
        lambda: services.agenda_order(request.user, meeting, items),
        then=_back(meeting),
    )


@login_required
@require_POST
def meeting_attendance(request, pk):
    meeting = _run(request, pk)
    form = AttendanceForm(request.POST, members=selectors.meeting_members(meeting))
    if not form.is_valid():
        messages.error(request, _("Mark each member present or absent."))
        return redirect("meetings:meeting", pk=pk)
    return page_action(
        request,
        lambda: services.attendance_record(request.user, meeting, form.attendance()),
        then=_back(meeting),
        success=_("Attendance recorded."),
    )


@login_required
@require_POST
def meeting_recusal(request, pk, item_pk):
    meeting = _run(request, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    members = selectors.meeting_members(meeting)
    form = RecusalForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Choose the member and say why."))
        return redirect("meetings:meeting", pk=pk)
    member = next(m for m in members if str(m.pk) == form.cleaned_data["member"])
    return page_action(
        request,
        lambda: services.recusal_declare(request.user, item, member, form.cleaned_data["reason"]),
        then=_back(meeting),
        success=_("Recusal recorded."),
    )


@login_required
@require_POST
def meeting_open(request, pk):
    meeting = _run(request, pk)
    return page_action(
        request,
        lambda: services.meeting_open(request.user, meeting),
        then=_back(meeting),
        success=_("The meeting is in session."),
    )


@login_required
@require_POST
def meeting_close(request, pk):
    meeting = _run(request, pk)
    return page_action(
        request,
        lambda: services.meeting_close(request.user, meeting),
        then=_back(meeting),
        success=_("The meeting is closed; each item's outcome is recorded."),
    )


@login_required
@require_POST
def meeting_cancel(request, pk):
    meeting = _run(request, pk)
    return page_action(
        request,
        lambda: services.meeting_cancel(request.user, meeting, request.POST.get("reason", "")),
        then=_back(meeting),
        success=_("The meeting is cancelled."),
    )


@login_required
def meeting_item(request, pk, item_pk):
    """Notes and votes of one item, as the officer records them at the meeting."""
    meeting = _run(request, pk)
    line = next((ln for ln in selectors.meeting_lines(meeting) if ln.item.pk == item_pk), None)
    if line is None:
        raise Http404
    item = line.item
    editable = meeting.state == MeetingState.IN_SESSION
    form = ItemForm(
        request.POST or None,
        seats=line.seats,
        choices=meeting.vote_choices(sitting=item.sitting),
        initial={"notes": item.notes, "conclusion": item.conclusion},
    )
    if request.method == "POST" and editable and form.is_valid():
        refused = False
        try:
            services.item_notes_save(
                request.user, item, form.cleaned_data["notes"], form.cleaned_data["conclusion"]
            )
        except REFUSALS as exc:
            report_refusal(request, exc)
            refused = True
        for member, choice, comment in form.votes():
            try:
                services.vote_record(request.user, item, member, choice, comment)
            except REFUSALS as exc:
                report_refusal(request, exc)
                refused = True
        if not refused:
            messages.success(request, _("Saved."))
            return redirect("meetings:meeting", pk=pk)
        return redirect("meetings:meeting_item", pk=pk, item_pk=item_pk)
    return render(
        request,
        "meetings/item.html",
        {"meeting": meeting, "line": line, "item": item, "form": form, "editable": editable},
    )


@login_required
def minutes_pdf(request, pk):
    """The minutes of a review meeting, for the officers who run it, leaders and
    administrators; anyone else (a panel member, an applicant, another programme's
    officer) finds nothing."""
    meeting = _read(request, pk)
    return pdf_response(meeting_minutes_pdf(meeting), f"会议纪要-{meeting.pk}.pdf")

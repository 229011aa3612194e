"""The office's notice pages: officers draft, publish and resolve objections; leaders
approve. Who objected is shown only to the officers handling the objection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wusong.audit.pages import REFUSALS, page_action, report_refusal
from wusong.calls import permissions as call_permissions
from wusong.calls.models import Call

from .. import permissions, selectors, services
from ..forms import ApproveForm, NoticeForm, ReasonForm, ResolveForm
from ..models import NoticeItem, Objection
from ..workflow import NoticeState

DOWNLOAD_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}


def _office_notice(request, pk):
    """The notice if this user works on it in the office; otherwise 404."""
    return get_object_or_404(selectors.office_notices(request.user), pk=pk)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
def office_list(request):
    if not permissions.works_on_notices(request.user):
        raise Http404
    return render(
        request,
        "notices/office_list.html",
        {
            "notices": selectors.office_notices(request.user),
            "calls": selectors.calls_to_notice(request.user),
        },
    )


def _notice_form_page(request, call, notice=None):
    declarations = selectors.passed_declarations(call)
    proposed = {i.declaration_id: i.proposed_amount for i in notice.items.all()} if notice else {}
    if notice is not None:
        # Declarations proposed in this draft stay listed even if their state moved on.
        declarations = declarations | call.declarations.filter(pk__in=list(proposed))
    form = NoticeForm(
        request.POST or None,
        instance=notice,
        declarations=declarations.distinct().order_by("reference"),
        proposed=proposed,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if notice is None:
                notice = services.notice_create(
                    request.user, call, form.notice_data(), form.items()
                )
            else:
                notice = services.notice_update(
                    request.user, notice, form.notice_data(), form.items()
                )
        except REFUSALS as exc:
            report_refusal(request, exc, form)
        else:
            messages.success(request, _("The draft notice was saved."))
            return redirect("notices:office_notice", pk=notice.pk)
    committed = selectors.proposal_committed(call, exclude=notice)
    return render(
        request,
        "notices/notice_form.html",
        {"call": call, "notice": notice, "form": form, "committed": committed},
    )


@login_required
def notice_new(request, code):
    call = get_object_or_404(Call.objects.select_related("programme"), code=code)
    if not call_permissions.runs_programme(request.user, call.programme):
        raise Http404
    return _notice_form_page(request, call)


@login_required
def notice_edit(request, pk):
    notice = _office_notice(request, pk)
    if not permissions.runs_notice(request.user, notice):
        raise Http404
    if notice.state != NoticeState.DRAFT:
        messages.error(request, _("Only a draft can be changed."))
        return redirect("notices:office_notice", pk=notice.pk)
    return _notice_form_page(request, notice.call, notice)


@login_required
def office_notice(request, pk):
    notice = _office_notice(request, pk)
    services.notice_end_period_if_due(notice)
    user = request.user
    runs = permissions.runs_notice(user, notice)
    is_leader = permissions.is_leader(user, notice)
    approvable = is_leader and notice.state == NoticeState.PERIOD_ENDED
    return render(
        request,
        "notices/office_notice.html",
        {
            "notice": notice,
            "items": notice.items.select_related("declaration__organisation"),
            "total": notice.total(),
            "objections": selectors.notice_objections(notice),
            "sees_identity": permissions.handles_objections(user, notice),
            "runs": runs,
            "is_leader": is_leader,
            "resolve_form": ResolveForm(),
            "reason_form": ReasonForm(),
            "approve_form": ApproveForm(declarations=selectors.declarations_to_settle(notice))
            if approvable
            else None,
            "blocking": notice.blocking_objections().count(),
            "history": selectors.notice_history(notice),
        },
    )


def _back(notice):
    return redirect("notices:office_notice", pk=notice.pk)


@login_required
@require_POST
def notice_publish(request, pk):
    notice = _office_notice(request, pk)
    return page_action(
        request,
        lambda: services.notice_publish(request.user, notice),
        then=_back(notice),
        success=_("The notice is published."),
    )


@login_required
@require_POST
def notice_withdraw(request, pk):
    notice = _office_notice(request, pk)
    return page_action(
        request,
        lambda: services.notice_withdraw(request.user, notice, request.POST.get("reason", "")),
        then=_back(notice),
        success=_("The notice was withdrawn."),
    )


@login_required
@require_POST
def notice_approve(request, pk):
    notice = _office_notice(request, pk)
    form = ApproveForm(request.POST, declarations=selectors.declarations_to_settle(notice))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("notices:office_notice", pk=notice.pk)
    return page_action(
        request,
        lambda: services.notice_approve(request.user, notice, form.outcomes()),
        then=_back(notice),
        success=_("The notice is approved; the applicants have been told."),
    )


@login_required
@require_POST
def item_drop(request, pk):
    item = get_object_or_404(NoticeItem, pk=pk, notice__in=selectors.office_notices(request.user))
    return page_action(
        request,
        lambda: services.notice_item_drop(request.user, item, request.POST.get("reason", "")),
        then=_back(item.notice),
        success=_("The project was removed from the notice."),
    )


def _handled_objection(request, pk) -> Objection:
    """Only officers handling the objection reach it; anyone else gets 404."""
    objection = get_object_or_404(
        Objection.objects.select_related("notice__call__programme"), pk=pk
    )
    if not permissions.handles_objection(request.user, objection):
        raise Http404
    return objection


@login_required
@require_POST
def objection_resolve(request, pk):
    objection = _handled_objection(request, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("notices:office_notice", pk=objection.notice_id)
    return page_action(
        request,
        lambda: services.objection_resolve(
            request.user, objection, form.cleaned_data["decision"], form.cleaned_data["reason"]
        ),
        then=_back(objection.notice),
        success=_("Objection %(ref)s resolved.") % {"ref": objection.reference},
    )


@login_required
def objection_attachment(request, pk):
    objection = _handled_objection(request, pk)
    if not objection.attachment:
        raise Http404
    try:
        handle = objection.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=objection.attachment_name,
        content_type=DOWNLOAD_TYPES.get(objection.attachment_type, "application/octet-stream"),
    )

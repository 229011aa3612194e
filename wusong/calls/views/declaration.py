"""Pages every role with access shares: a declaration, its history, its files."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from wusong.audit.transitions import transition_permitted

from .. import permissions
from ..forms import AttachmentForm, FormalReviewForm
from ..history import history_entries, last_resubmission_changes
from ..models import Attachment
from ..selectors import submission_problems
from ..states import State
from .common import visible_declaration


@login_required
def declaration_detail(request, pk):
    decl = visible_declaration(request, pk)
    user = request.user
    is_declarant = permissions.declares(user, decl)
    can_edit = permissions.can_edit_declaration(user, decl)
    can_review = permissions.runs_declaration(user, decl) and decl.state in (
        State.SUBMITTED,
        State.UNDER_FORMAL_REVIEW,
    )
    context = {
        "declaration": decl,
        "team": decl.team.all(),
        "milestones": decl.milestones.all(),
        "answers": decl.answers.select_related("field").order_by("field__sort"),
        "attachments": decl.attachments.all(),
        "timeline": history_entries(decl, timeline_only=True),
        "is_declarant": is_declarant,
        "can_edit": can_edit,
        "can_submit": transition_permitted(user, decl, "submit"),
        "can_withdraw": transition_permitted(user, decl, "withdraw"),
        "missing": submission_problems(decl) if can_edit else [],
        "upload_form": AttachmentForm() if can_edit else None,
        "review_form": FormalReviewForm() if can_review else None,
        "agreement": getattr(decl, "agreement", None),
        "can_draft_agreement": decl.state == State.APPROVED
        and permissions.runs_declaration(user, decl),
        "changes": last_resubmission_changes(decl)
        if permissions.sees_resubmission_changes(user, decl)
        else None,
    }
    return render(request, "calls/declaration_detail.html", context)


@login_required
def declaration_history(request, pk):
    decl = visible_declaration(request, pk)
    return render(
        request,
        "calls/declaration_history.html",
        {"declaration": decl, "entries": history_entries(decl)},
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    decl = visible_declaration(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, declaration=decl)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )

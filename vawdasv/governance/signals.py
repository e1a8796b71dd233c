"""Receivers for the governance app, connected in GovernanceConfig.ready().

A stored file goes once the row that held it is gone for good: removed by hand, replaced, or
deleted with its meeting or group. Each row has its own copy (under its owner and hash), so no
other row can be using it; the file is deleted only after the commit, so a rolled-back
deletion still finds it.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from vawdasv.governance.models import MeetingPaper, PackJob, TermsDocument


@receiver(post_delete, sender=MeetingPaper, dispatch_uid="governance.paper_file_cleanup")
@receiver(post_delete, sender=TermsDocument, dispatch_uid="governance.terms_file_cleanup")
@receiver(post_delete, sender=PackJob, dispatch_uid="governance.pack_file_cleanup")
def delete_stored_file(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    name = instance.file.name or ""
    if name:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(name), using=kwargs.get("using"))

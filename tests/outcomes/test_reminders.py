import datetime

from django.core import mail

from vawdasv.outcomes.reminders import send_return_reminders


def test_the_supplier_is_reminded_before_and_after_the_deadline_once_each_in_their_language(
    world, outcomes
):
    world.lead.email, world.lead.preferred_language = "owain@example.org", "cy"
    world.lead.save()
    world.council_lead.email = "bethan@example.org"
    world.council_lead.save()
    deadline = outcomes.data_return.deadline
    assert send_return_reminders(deadline - datetime.timedelta(days=30), "https://x") == 0
    assert send_return_reminders(deadline - datetime.timedelta(days=3), "https://x") == 1
    assert send_return_reminders(deadline - datetime.timedelta(days=2), "https://x") == 0
    assert send_return_reminders(deadline + datetime.timedelta(days=1), "https://x") == 1
    assert [m.to for m in mail.outbox] == [["owain@example.org"], ["owain@example.org"]]
    assert "2025/26 Q2" in mail.outbox[0].subject
    assert f"https://x/cy/outcomes/returns/{outcomes.data_return.pk}/" in mail.outbox[0].body
    assert "Annwyl" in mail.outbox[0].body  # Welsh for the Welsh speaker


def test_a_submitted_return_needs_no_reminder(world, outcomes):
    from tests.outcomes.test_return_services import full_return
    from vawdasv.outcomes.services import returns

    world.lead.email = "owain@example.org"
    world.lead.save()
    returns.save_values(
        actor=world.lead, data_return=outcomes.data_return, values=full_return(outcomes),
        expected_version=1,
    )  # fmt: skip
    returns.submit_return(actor=world.lead, data_return=outcomes.data_return)
    later = outcomes.data_return.deadline + datetime.timedelta(days=5)
    assert send_return_reminders(later, "https://x") == 0

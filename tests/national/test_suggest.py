from vawdasv.national.suggest import Suggester, stem, terms

OBJECTIVES = [
    (1, "Challenge the public attitude to violence against women across Wales"),
    (2, "Increased awareness in children and young people of the importance of safe relationships"),
    (3, "Perpetrators are held to account and their behaviour changed"),
]


def test_plural_and_singular_share_a_stem():
    assert stem("attitudes") == stem("attitude")
    assert stem("perpetrators") == stem("perpetrator")


def test_words_every_plan_uses_are_not_evidence_of_a_match():
    assert "violence" not in terms("Violence against women in Wales")


def test_a_commitment_is_suggested_the_objective_sharing_its_words_with_the_words_shown():
    suggestions = Suggester(OBJECTIVES).suggest("We will hold perpetrators to account")
    assert suggestions[0].item_id == 3
    assert suggestions[0].words == ("account", "perpetrators")


def test_a_commitment_sharing_no_words_gets_no_suggestion():
    assert Suggester(OBJECTIVES).suggest("We will publish a budget") == []

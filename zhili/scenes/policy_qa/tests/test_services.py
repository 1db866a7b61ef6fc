"""Services: loading texts (versions, outdated answers), curating, asking, rating, handing over, replying.
Every refused action leaves nothing changed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import AuditEntry
from zhili.core.notify.api import Message
from zhili.scenes.policy_qa import services
from zhili.scenes.policy_qa.choices import EntryStatus, Outcome, QueueStatus, TextStatus
from zhili.scenes.policy_qa.models import Article, Consultation, Entry, LawText, Synonym

from .conftest import TEXTS, load

pytestmark = pytest.mark.django_db


def test_loading_a_text_stores_its_articles_dated_and_audited(officer_qian):
    law = load("刑法节选.txt", officer_qian, effective_from=dt.date(2011, 5, 1))
    assert (law.title, law.short_title, law.version, law.status) == ("中华人民共和国刑法（节选）", "刑法", 1,
                                                                     TextStatus.CURRENT)
    assert law.effective_from == dt.date(2011, 5, 1)
    assert law.promulgated_on == dt.date(2011, 2, 25)
    assert list(law.articles.values_list("label", "number", "suffix")) == [
        ("第二百七十六条", 276, 0), ("第二百七十六条之一", 276, 1)]
    article = law.articles.get(suffix=1)
    assert article.reference == "刑法第二百七十六条之一"
    assert "拒不" not in article.tokens and "逃匿" in article.tokens.split()
    entry = AuditEntry.objects.get(action="policy_qa.text.loaded")
    assert entry.data["articles"] == 2 and entry.data["version"] == 1


def test_the_effective_date_defaults_to_the_texts_own_clause(officer_qian):
    law = load("保障农民工工资支付条例.txt", officer_qian)
    assert law.effective_from == dt.date(2020, 5, 1)
    assert law.articles.count() == 64


def test_a_new_version_supersedes_the_old_and_flags_the_answers_whose_articles_changed(knowledge, officer_qian):
    old = LawText.objects.get(short_title="刑法")
    changed = (TEXTS / "刑法节选.txt").read_text().replace("处三年以下有期徒刑或者拘役", "处五年以下有期徒刑或者拘役")
    new = services.load_text(name="刑法节选2.txt", data=changed.encode(), actor=officer_qian,
                             effective_from=dt.date(2030, 1, 1))
    old.refresh_from_db()
    assert (new.version, new.status, old.status, old.effective_to) == (2, TextStatus.CURRENT, TextStatus.SUPERSEDED,
                                                                       dt.date(2029, 12, 31))
    flagged = Entry.objects.get(code="refuse-to-pay-crime")
    assert flagged.status == EntryStatus.OUTDATED
    assert "刑法第二百七十六条之一" in flagged.outdated_reason and "2030-01-01" in flagged.outdated_reason
    assert Entry.objects.get(code="double-wages").status == EntryStatus.ACTIVE  # cites nothing that changed
    reply = services.ask("老板有钱不发工资会坐牢吗", visitor="v1")
    assert reply.entry is None or reply.entry.code != "refuse-to-pay-crime"


def test_the_same_file_twice_or_an_earlier_date_is_refused_and_nothing_changes(officer_qian):
    load("刑法节选.txt", officer_qian, effective_from=dt.date(2011, 5, 1))
    with pytest.raises(ValidationError) as same:
        load("刑法节选.txt", officer_qian, effective_from=dt.date(2012, 1, 1))
    assert "与现行第 1 版内容相同" in str(same.value)
    changed = (TEXTS / "刑法节选.txt").read_bytes().replace("罚金".encode(), "罚款".encode())
    with pytest.raises(ValidationError) as earlier:
        services.load_text(name="x.txt", data=changed, actor=officer_qian, effective_from=dt.date(2010, 1, 1))
    assert "施行日期须晚于现行版本的 2011-05-01" in str(earlier.value)
    assert LawText.objects.count() == 1 and Article.objects.count() == 2


def test_an_unreadable_upload_names_the_file_and_changes_nothing(officer_qian):
    with pytest.raises(ValidationError) as caught:
        services.load_text(name="通知.txt", data="关于做好工作的通知\n请认真执行。".encode(), actor=officer_qian)
    assert caught.value.message_dict["file"] == ["通知.txt：没有找到「第X条」格式的条文，无法拆分"]
    assert LawText.objects.count() == 0 and not AuditEntry.objects.filter(action="policy_qa.text.loaded").exists()


def test_a_worker_may_not_load_texts_or_curate(worker_zhang):
    with pytest.raises(PermissionDenied):
        load("刑法节选.txt", worker_zhang)
    with pytest.raises(PermissionDenied):
        services.install_knowledge(actor=worker_zhang)
    with pytest.raises(PermissionDenied):
        services.add_synonym(phrase="炒了", expansion="解除", actor=worker_zhang)
    assert LawText.objects.count() == Entry.objects.count() == Synonym.objects.count() == 0


def test_the_shipped_knowledge_installs_once(officer_qian):
    from zhili.scenes.policy_qa.knowledge import ENTRIES

    assert services.install_knowledge(actor=officer_qian) == len(ENTRIES)
    assert services.install_knowledge(actor=officer_qian) == 0
    assert Entry.objects.get(code="double-wages").citations[0] == "劳动合同法第八十二条"


def test_an_officer_adds_a_q_and_a_pair_with_checked_citations(officer_qian):
    with pytest.raises(ValidationError) as caught:
        services.save_entry(actor=officer_qian, code="Bad Code", topic="nope", question="", answer="",
                            citations="劳动合同法八十二")
    assert set(caught.value.message_dict) == {"code", "topic", "question", "answer", "citations"}
    assert Entry.objects.count() == 0
    entry = services.save_entry(actor=officer_qian, code="local-heat", topic="wages", question="高温津贴怎么发？",
                                answer="按本省规定发放。", citations="《中华人民共和国劳动法》第四十四条，劳动法第四十四条\n劳动合同法第三十条",
                                variants="天热有没有补贴\n\n高温费")
    assert entry.citations == ["劳动法第四十四条", "劳动合同法第三十条"]
    assert entry.variant_list() == ["天热有没有补贴", "高温费"]
    assert AuditEntry.objects.filter(action="policy_qa.entry.created", target_id=str(entry.pk)).exists()


def test_asking_the_double_wages_question_cites_article_82(knowledge):
    reply = services.ask("没签劳动合同能要双倍工资吗", visitor="v1")
    assert reply.outcome == Outcome.ANSWERED
    assert reply.entry.code == "double-wages"
    assert reply.articles[0].reference == "劳动合同法第八十二条"
    assert "劳动合同法实施条例第六条" in [a.reference for a in reply.articles]
    consultation = reply.consultation
    assert (consultation.visitor, consultation.asker, consultation.topic) == ("v1", None, "contract")
    assert "双倍工资" in consultation.keywords or "双倍" in consultation.keywords


@pytest.mark.parametrize("question, code", [
    ("老板不签合同怎么办", "double-wages"),
    ("干了半年被开除有没有补偿", "severance"),
    ("工地老板跑路了工钱找谁要", "construction-gc"),
])
def test_colloquial_questions_reach_their_answers(knowledge, question, code):
    assert services.ask(question, visitor="v").entry.code == code


@pytest.mark.parametrize("question", ["", "   ", "😀😀😀", "<script>alert(1)</script>", "hello, how are you",
                                      "？？？"])
def test_questions_without_chinese_get_a_polite_reply_never_an_error(knowledge, question):
    reply = services.ask(question, visitor="v")
    assert reply.outcome == Outcome.REFUSED
    assert reply.message
    assert Consultation.objects.get().outcome == Outcome.REFUSED


def test_a_ten_thousand_character_question_is_cut_and_answered(knowledge):
    reply = services.ask("没签劳动合同能要双倍工资吗" + "啊" * 10000, visitor="v")
    assert len(reply.consultation.question) == 500
    assert reply.outcome in (Outcome.ANSWERED, Outcome.CLARIFY, Outcome.UNANSWERED)


def test_a_question_the_base_cannot_answer_is_queued_and_the_officers_told(knowledge, officer_qian, officer_sun,
                                                                         county):
    reply = services.ask("我家小孩上学的事能问吗", visitor="v", region=county)
    assert reply.outcome == Outcome.UNANSWERED
    assert reply.consultation.queue_status == QueueStatus.WAITING
    recipients = set(Message.objects.filter(template="policy_qa_handover").values_list("recipient_id", flat=True))
    assert recipients == {officer_qian.pk}  # 孙涛 serves another county


def test_only_the_asker_rates_or_hands_over(knowledge, worker_zhang):
    reply = services.ask("加班费怎么算", user=worker_zhang)
    with pytest.raises(PermissionDenied):
        services.rate_answer(reply.consultation, helpful=True, visitor="someone-else")
    with pytest.raises(PermissionDenied):
        services.hand_over(reply.consultation, visitor="someone-else")
    reply.consultation.refresh_from_db()
    assert reply.consultation.helpful is None and reply.consultation.queue_status == QueueStatus.NONE
    services.rate_answer(reply.consultation, helpful=True, user=worker_zhang)
    handed = services.hand_over(reply.consultation, user=worker_zhang, note="我是问周末")
    assert handed.queue_status == QueueStatus.WAITING and handed.helpful is True


def test_an_officer_replies_and_the_asker_is_told_in_app(knowledge, officer_qian, officer_sun, worker_zhang, county):
    consultation = services.hand_over(services.ask("加班费怎么算", user=worker_zhang, region=county).consultation,
                                      user=worker_zhang)
    with pytest.raises(PermissionDenied):
        services.reply_consultation(consultation, reply="看这里", actor=officer_sun)
    with pytest.raises(ValidationError):
        services.reply_consultation(consultation, reply=" ", actor=officer_qian)
    consultation.refresh_from_db()
    assert consultation.queue_status == QueueStatus.WAITING and consultation.reply == ""
    done = services.reply_consultation(consultation, reply="周末加班不能补休的，按百分之二百支付。", actor=officer_qian)
    assert (done.queue_status, done.replied_by) == (QueueStatus.REPLIED, officer_qian)
    assert Message.objects.filter(template="policy_qa_reply", recipient=worker_zhang).count() == 1
    with pytest.raises(ValidationError):
        services.reply_consultation(done, reply="again", actor=officer_qian)


def test_an_officers_synonym_teaches_the_assistant(knowledge, officer_qian):
    def best(reply):
        return (reply.entry or reply.alternatives[0]).code

    assert best(services.ask("被老板踢出群了还有补偿吗", visitor="v")) != "severance"
    services.add_synonym(phrase="踢出群", expansion="辞退 解除 劳动合同 经济补偿", actor=officer_qian)
    assert best(services.ask("被老板踢出群了还有补偿吗", visitor="v")) == "severance"
    with pytest.raises(ValidationError):
        services.add_synonym(phrase="踢出群", expansion="x", actor=officer_qian)
    assert Synonym.objects.count() == 1


def test_marking_an_answer_outdated_stops_it_answering(knowledge, officer_qian):
    entry = Entry.objects.get(code="double-wages")
    with pytest.raises(ValidationError):
        services.mark_entry_outdated(entry, reason="", actor=officer_qian)
    services.mark_entry_outdated(entry, reason="新法自2030年1月1日起施行", actor=officer_qian)
    assert services.ask("没签劳动合同能要双倍工资吗", visitor="v").entry != entry
    services.restore_entry(entry, actor=officer_qian)
    assert services.ask("没签劳动合同能要双倍工资吗", visitor="v").entry == entry

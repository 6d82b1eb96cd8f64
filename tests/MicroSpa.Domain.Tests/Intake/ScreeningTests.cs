using MicroSpa.Domain.Intake;

namespace MicroSpa.Domain.Tests.Intake;

public sealed class ScreeningTests
{
    private static readonly Guid ClientId = Guid.NewGuid();

    private static Dictionary<string, bool> AllNo() => ScreeningQuestionnaire.Questions(6).ToDictionary(q => q.Code, _ => false);

    [Fact]
    public void All_no_is_clear()
    {
        Screening.Record(ClientId, AllNo(), 6, TestData.Now).Outcome.ShouldBe(ScreeningOutcome.Clear);
    }

    [Theory]
    [InlineData("isotretinoin")]
    [InlineData("pregnant")]
    [InlineData("keloid")]
    [InlineData("sunburn")]
    public void A_hard_stop_answer_stops_online_booking(string code)
    {
        var answers = AllNo();
        answers[code] = true;

        var screening = Screening.Record(ClientId, answers, 6, TestData.Now);

        screening.Outcome.ShouldBe(ScreeningOutcome.HardStop);
        screening.Flags(ScreeningSeverity.HardStop, 6).Single().Code.ShouldBe(code);
    }

    [Fact]
    public void A_needs_review_answer_books_but_flags_it()
    {
        var answers = AllNo();
        answers["anticoagulant"] = true;
        answers["fitzpatrick"] = true;

        var screening = Screening.Record(ClientId, answers, 6, TestData.Now);

        screening.Outcome.ShouldBe(ScreeningOutcome.NeedsReview);
        screening.Flags(ScreeningSeverity.NeedsReview, 6).Select(q => q.Code).ShouldBe(["anticoagulant", "fitzpatrick"]);
    }

    [Fact]
    public void Every_question_must_be_answered()
    {
        var answers = AllNo();
        answers.Remove("bleeding");

        Should.Throw<DomainException>(() => Screening.Record(ClientId, answers, 6, TestData.Now)).Field.ShouldBe("bleeding");
    }

    [Fact]
    public void The_washout_period_is_the_clinics_setting()
    {
        ScreeningQuestionnaire.Questions(12).First(q => q.Code == "isotretinoin").Text.ShouldContain("12 months");
    }

    [Fact]
    public void Nothing_changed_copies_a_recent_screening_with_a_new_date()
    {
        var first = Screening.Record(ClientId, AllNo(), 6, TestData.Now);

        var again = first.ConfirmUnchanged(TestData.Now.AddDays(29), 30);

        again.Id.ShouldNotBe(first.Id);
        again.AnsweredAt.ShouldBe(TestData.Now.AddDays(29));
        again.ConfirmedUnchangedFromId.ShouldBe(first.Id);
        again.Answers.ShouldBe(first.Answers);
        Should.Throw<DomainException>(() => first.ConfirmUnchanged(TestData.Now.AddDays(31), 30));
    }

    [Fact]
    public void A_hard_stop_screening_cannot_be_reused()
    {
        var answers = AllNo();
        answers["pregnant"] = true;

        Screening.Record(ClientId, answers, 6, TestData.Now).CanBeConfirmedUnchanged(TestData.Now, 30).ShouldBeFalse();
    }
}

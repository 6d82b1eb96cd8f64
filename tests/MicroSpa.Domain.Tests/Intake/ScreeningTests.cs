using MicroSpa.Domain.Intake;

namespace MicroSpa.Domain.Tests.Intake;

public sealed class ScreeningTests
{
    private static readonly Guid ClientId = Guid.NewGuid();
    private static readonly ScreeningQuestionnaire Questions = TestData.Questions;

    /// <summary>What the answers mean, by what a "yes" does in the version the client was shown.</summary>
    [Theory]
    [InlineData(ScreeningOutcome.Clear)]
    [InlineData(ScreeningOutcome.Clear, "skincare")]
    [InlineData(ScreeningOutcome.NeedsReview, "anticoagulant")]
    [InlineData(ScreeningOutcome.NeedsReview, "anticoagulant", "skincare")]
    [InlineData(ScreeningOutcome.HardStop, "isotretinoin")]
    [InlineData(ScreeningOutcome.HardStop, "pregnant", "fitzpatrick")]
    [InlineData(ScreeningOutcome.HardStop, "keloid", "sunburn", "skincare")]
    public void The_outcome_is_the_gravest_yes(ScreeningOutcome outcome, params string[] yes)
    {
        Screening.Record(ClientId, Questions, TestData.Answers(yes), TestData.Now).Outcome.ShouldBe(outcome);
    }

    [Theory]
    [InlineData("isotretinoin")]
    [InlineData("pregnant")]
    [InlineData("keloid")]
    [InlineData("sunburn")]
    public void A_hard_stop_answer_is_flagged_in_the_words_the_client_read(string code)
    {
        var screening = Screening.Record(ClientId, Questions, TestData.Answers(code), TestData.Now);

        screening.Outcome.ShouldBe(ScreeningOutcome.HardStop);
        screening.QuestionnaireVersion.ShouldBe(1);
        var flag = screening.Flags(Questions, ScreeningSeverity.HardStop).Single();
        flag.Code.ShouldBe(code);
        flag.Text.ShouldBe(Questions.Question(code)!.Text);
    }

    [Fact]
    public void A_needs_review_answer_books_but_flags_it()
    {
        var screening = Screening.Record(ClientId, Questions, TestData.Answers("anticoagulant", "fitzpatrick", "skincare"), TestData.Now);

        screening.Outcome.ShouldBe(ScreeningOutcome.NeedsReview);
        screening.Flags(Questions, ScreeningSeverity.NeedsReview).Select(q => q.Code).ShouldBe(["anticoagulant", "fitzpatrick"]);
        screening.Flags(Questions, ScreeningSeverity.HardStop).ShouldBeEmpty();
    }

    [Fact]
    public void Every_question_of_the_version_must_be_answered_and_answers_to_other_questions_are_not_kept()
    {
        var answers = TestData.Answers();
        answers.Remove("bleeding");

        Should.Throw<DomainException>(() => Screening.Record(ClientId, Questions, answers, TestData.Now)).Field.ShouldBe("bleeding");

        var extra = TestData.Answers();
        extra["not-a-question"] = true;
        var screening = Screening.Record(ClientId, Questions, extra, TestData.Now);
        screening.Answers.Select(a => a.Code).ShouldBe(Questions.Questions.Select(q => q.Code));
        screening.Outcome.ShouldBe(ScreeningOutcome.Clear);
    }

    [Fact]
    public void The_washout_is_written_into_the_question_the_client_reads()
    {
        var isotretinoin = Questions.Question("isotretinoin")!;

        isotretinoin.Text.ShouldBe("Are you taking isotretinoin, or did you stop it less than 6 months ago?");
        isotretinoin.Washout.ShouldBe("6 months");
        Questions.Question("keloid")!.Washout.ShouldBeNull();
    }

    [Fact]
    public void Flags_are_read_only_against_the_version_the_client_was_shown()
    {
        var screening = Screening.Record(ClientId, Questions, TestData.Answers("keloid"), TestData.Now);
        var next = Questions.Revise([new("keloid", "Do you scar easily?", ScreeningSeverity.NeedsReview, "We check first.", null, null)],
            Guid.NewGuid(), "Dr. Director", TestData.Now.AddDays(1));

        Should.Throw<ArgumentException>(() => screening.Flags(next, ScreeningSeverity.HardStop));
        screening.Flags(Questions, ScreeningSeverity.HardStop).Single().Text.ShouldBe("Do you form keloids or raised scars?");
        screening.Outcome.ShouldBe(ScreeningOutcome.HardStop, "an answer keeps the outcome it had when given");
    }

    [Fact]
    public void Nothing_changed_copies_a_recent_screening_with_a_new_date()
    {
        var first = Screening.Record(ClientId, Questions, TestData.Answers(), TestData.Now);

        var again = first.ConfirmUnchanged(TestData.Now.AddDays(29), 30, Questions.Version);

        again.Id.ShouldNotBe(first.Id);
        again.AnsweredAt.ShouldBe(TestData.Now.AddDays(29));
        again.ConfirmedUnchangedFromId.ShouldBe(first.Id);
        again.QuestionnaireVersion.ShouldBe(first.QuestionnaireVersion);
        again.Answers.ShouldBe(first.Answers);
        Should.Throw<DomainException>(() => first.ConfirmUnchanged(TestData.Now.AddDays(31), 30, Questions.Version));
    }

    [Fact]
    public void A_screening_of_older_questions_cannot_be_confirmed_unchanged()
    {
        var first = Screening.Record(ClientId, Questions, TestData.Answers(), TestData.Now);

        first.CanBeConfirmedUnchanged(TestData.Now.AddDays(1), 30, Questions.Version + 1).ShouldBeFalse();
        Should.Throw<DomainException>(() => first.ConfirmUnchanged(TestData.Now.AddDays(1), 30, Questions.Version + 1));
    }

    [Fact]
    public void A_hard_stop_screening_cannot_be_reused()
    {
        Screening.Record(ClientId, Questions, TestData.Answers("pregnant"), TestData.Now)
            .CanBeConfirmedUnchanged(TestData.Now, 30, Questions.Version).ShouldBeFalse();
    }
}

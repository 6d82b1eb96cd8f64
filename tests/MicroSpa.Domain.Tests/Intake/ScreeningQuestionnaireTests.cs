using MicroSpa.Domain.Intake;

namespace MicroSpa.Domain.Tests.Intake;

/// <summary>The medical director's versions of the screening questions: reword, add, retire, outcomes and washouts.</summary>
public sealed class ScreeningQuestionnaireTests
{
    private static readonly Guid Director = Guid.NewGuid();
    private static readonly ScreeningQuestionnaire V1 = TestData.Questions;

    private static ScreeningQuestionnaire Publish(params QuestionEdit[] edits) => V1.Revise(edits, Director, "Dr. Director", TestData.Now.AddDays(1));

    [Fact]
    public void A_revision_is_the_next_version_with_who_published_it_and_leaves_the_old_version_as_it_was()
    {
        var v2 = Publish(
            new QuestionEdit("keloid", "Do you scar easily, or form raised (keloid) scars?", ScreeningSeverity.HardStop, "Needling may trigger new raised scars.", null, null),
            new QuestionEdit("anticoagulant", null, null, null, null, null, Retire: true),
            new QuestionEdit("vaccine", "Have you had a vaccination in the last {washout}?", ScreeningSeverity.NeedsReview, "Your provider may wait a little.", 7, WashoutUnit.Days));

        v2.Version.ShouldBe(2);
        v2.PublishedByUserId.ShouldBe(Director);
        v2.PublishedByName.ShouldBe("Dr. Director");
        v2.PublishedAt.ShouldBe(TestData.Now.AddDays(1));
        v2.Question("keloid")!.Text.ShouldBe("Do you scar easily, or form raised (keloid) scars?");
        v2.Question("anticoagulant").ShouldBeNull();
        v2.Question("vaccine")!.Text.ShouldBe("Have you had a vaccination in the last 7 days?");
        v2.Questions.Count.ShouldBe(V1.Questions.Count);
        v2.Questions.Select(q => q.Code).ShouldContain("isotretinoin", "questions the form did not send stay");

        V1.Question("keloid")!.Text.ShouldBe("Do you form keloids or raised scars?");
        V1.Question("anticoagulant").ShouldNotBeNull();
        V1.Question("vaccine").ShouldBeNull();
        V1.Version.ShouldBe(1);
    }

    /// <summary>What a "yes" to the changed question now does.</summary>
    [Theory]
    [InlineData(ScreeningSeverity.Clear, ScreeningOutcome.Clear)]
    [InlineData(ScreeningSeverity.NeedsReview, ScreeningOutcome.NeedsReview)]
    [InlineData(ScreeningSeverity.HardStop, ScreeningOutcome.HardStop)]
    public void The_outcome_of_a_yes_follows_the_version(ScreeningSeverity severity, ScreeningOutcome outcome)
    {
        var v2 = Publish(new QuestionEdit("fitzpatrick", "Does your skin tan easily and rarely burn?", severity, "Why it matters.", null, null));

        v2.Judge([new("fitzpatrick", true)]).ShouldBe(outcome);
        V1.Judge([new("fitzpatrick", true)]).ShouldBe(ScreeningOutcome.NeedsReview, "the first version still means what it meant");
    }

    [Theory]
    [InlineData(1, WashoutUnit.Days, "1 day")]
    [InlineData(14, WashoutUnit.Days, "14 days")]
    [InlineData(2, WashoutUnit.Weeks, "2 weeks")]
    [InlineData(6, WashoutUnit.Months, "6 months")]
    [InlineData(12, WashoutUnit.Months, "12 months")]
    [InlineData(24, WashoutUnit.Months, "24 months")]
    [InlineData(104, WashoutUnit.Weeks, "104 weeks")]
    [InlineData(730, WashoutUnit.Days, "730 days")]
    public void A_washout_is_written_into_the_wording(int amount, WashoutUnit unit, string said)
    {
        var v2 = Publish(new QuestionEdit("isotretinoin", "Did you stop isotretinoin less than {washout} ago?", ScreeningSeverity.HardStop, "Healing.", amount, unit));

        v2.Question("isotretinoin")!.Text.ShouldBe($"Did you stop isotretinoin less than {said} ago?");
        V1.Question("isotretinoin")!.Text.ShouldContain("6 months");
    }

    /// <summary>What the medical director cannot publish, and the field the message goes to.</summary>
    public static TheoryData<string, QuestionEdit, string> Refused() => new()
    {
        { "empty wording", new("new-one", "   ", ScreeningSeverity.HardStop, "Why.", null, null), "Questions[0].Wording" },
        { "wording too long", new("new-one", new string('x', ScreeningQuestion.WordingLength + 1), ScreeningSeverity.HardStop, "Why.", null, null), "Questions[0].Wording" },
        { "no code", new("", "A question?", ScreeningSeverity.HardStop, "Why.", null, null), "Questions[0].Code" },
        { "a code with spaces", new("blood thinners", "A question?", ScreeningSeverity.HardStop, "Why.", null, null), "Questions[0].Code" },
        { "no outcome", new("new-one", "A question?", null, "Why.", null, null), "Questions[0].Severity" },
        { "an outcome that does not exist", new("new-one", "A question?", (ScreeningSeverity)9, "Why.", null, null), "Questions[0].Severity" },
        { "a hard stop without a reason", new("new-one", "A question?", ScreeningSeverity.HardStop, " ", null, null), "Questions[0].Explanation" },
        { "a washout without a number", new("new-one", "Less than {washout} ago?", ScreeningSeverity.HardStop, "Why.", null, WashoutUnit.Months), "Questions[0].WashoutAmount" },
        { "a washout without a unit", new("new-one", "Less than {washout} ago?", ScreeningSeverity.HardStop, "Why.", 6, null), "Questions[0].WashoutUnit" },
        { "a washout of zero", new("new-one", "Less than {washout} ago?", ScreeningSeverity.HardStop, "Why.", 0, WashoutUnit.Months), "Questions[0].WashoutAmount" },
        { "a negative washout", new("new-one", "Less than {washout} ago?", ScreeningSeverity.HardStop, "Why.", -6, WashoutUnit.Months), "Questions[0].WashoutAmount" },
        { "an absurd washout in months", new("new-one", "Less than {washout} ago?", ScreeningSeverity.HardStop, "Why.", 600, WashoutUnit.Months), "Questions[0].WashoutAmount" },
        { "an absurd washout in days", new("new-one", "Less than {washout} ago?", ScreeningSeverity.HardStop, "Why.", 731, WashoutUnit.Days), "Questions[0].WashoutAmount" },
        { "a washout the wording does not say", new("new-one", "Did you stop recently?", ScreeningSeverity.HardStop, "Why.", 6, WashoutUnit.Months), "Questions[0].Wording" },
        { "wording that says a washout never set", new("new-one", "Less than {washout} ago?", ScreeningSeverity.HardStop, "Why.", null, null), "Questions[0].WashoutAmount" },
        { "retiring a question never asked", new("never-asked", null, null, null, null, null, Retire: true), "Questions[0].Retire" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_what_no_clinic_could_publish_with_the_message_on_the_field(string name, QuestionEdit edit, string field)
    {
        Should.Throw<DomainException>(() => Publish(edit), name).Field.ShouldBe(field, name);
    }

    [Fact]
    public void Two_questions_with_one_code_are_refused_on_the_second()
    {
        Should.Throw<DomainException>(() => Publish(
                new QuestionEdit("vaccine", "A vaccination lately?", ScreeningSeverity.NeedsReview, "Why.", null, null),
                new QuestionEdit("Vaccine", "Another vaccination question?", ScreeningSeverity.NeedsReview, "Why.", null, null)))
            .Field.ShouldBe("Questions[1].Code");
    }

    [Fact]
    public void Retiring_every_question_is_refused()
    {
        var edits = V1.Questions.Select(q => new QuestionEdit(q.Code, null, null, null, null, null, Retire: true)).ToArray();

        Should.Throw<DomainException>(() => Publish(edits)).Message.ShouldContain("at least one question");
    }

    [Fact]
    public void Publishing_the_same_questions_is_refused()
    {
        var same = V1.Questions.Select(q => new QuestionEdit(q.Code, $"  {q.Wording} ", q.Severity, q.Explanation, q.WashoutAmount, q.WashoutUnit)).ToArray();

        Should.Throw<DomainException>(() => Publish(same)).Message.ShouldBe("These are the questions of version 1: change one to publish a new version.");
    }
}

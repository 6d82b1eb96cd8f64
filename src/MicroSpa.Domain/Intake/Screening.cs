namespace MicroSpa.Domain.Intake;

public sealed record ScreeningAnswer(string Code, bool Yes);

/// <summary>A client's dated answers to the screening questionnaire and what they mean for booking.</summary>
public sealed class Screening
{
    private readonly List<ScreeningAnswer> _answers = [];

    private Screening()
    {
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public DateTimeOffset AnsweredAt { get; private set; }
    public int QuestionnaireVersion { get; private set; }
    public ScreeningOutcome Outcome { get; private set; }

    /// <summary>Set when the client confirmed "nothing has changed" since this earlier screening.</summary>
    public Guid? ConfirmedUnchangedFromId { get; private set; }

    public IReadOnlyList<ScreeningAnswer> Answers => _answers.AsReadOnly();

    /// <summary>Records answers; every question of the current questionnaire must be answered.</summary>
    public static Screening Record(Guid clientId, IReadOnlyDictionary<string, bool> answers, int washoutMonths, DateTimeOffset now)
    {
        var questions = ScreeningQuestionnaire.Questions(washoutMonths);
        if (questions.FirstOrDefault(q => !answers.ContainsKey(q.Code)) is { } missing)
        {
            throw new DomainException("Answer every question, yes or no.", missing.Code);
        }

        var screening = new Screening
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            AnsweredAt = now.ToUniversalTime(),
            QuestionnaireVersion = ScreeningQuestionnaire.Version,
        };
        screening._answers.AddRange(questions.Select(q => new ScreeningAnswer(q.Code, answers[q.Code])));
        screening.Outcome = Judge(screening._answers, questions);
        return screening;
    }

    /// <summary>Whether the client may confirm "nothing has changed" instead of answering again.</summary>
    public bool CanBeConfirmedUnchanged(DateTimeOffset now, int validDays) =>
        Outcome != ScreeningOutcome.HardStop
        && QuestionnaireVersion == ScreeningQuestionnaire.Version
        && now.ToUniversalTime() - AnsweredAt <= TimeSpan.FromDays(validDays);

    /// <summary>A new, dated screening with the same answers, for a client who says nothing changed.</summary>
    public Screening ConfirmUnchanged(DateTimeOffset now, int validDays)
    {
        if (!CanBeConfirmedUnchanged(now, validDays))
        {
            throw new DomainException($"This screening is older than {validDays} days or cannot be reused; answer the questions again.");
        }

        var copy = new Screening
        {
            Id = Guid.CreateVersion7(),
            ClientId = ClientId,
            AnsweredAt = now.ToUniversalTime(),
            QuestionnaireVersion = QuestionnaireVersion,
            Outcome = Outcome,
            ConfirmedUnchangedFromId = Id,
        };
        copy._answers.AddRange(_answers);
        return copy;
    }

    /// <summary>The questions answered "yes" with the given severity (the reasons shown to client and provider).</summary>
    public IReadOnlyList<ScreeningQuestion> Flags(ScreeningSeverity severity, int washoutMonths)
    {
        var yes = _answers.Where(a => a.Yes).Select(a => a.Code).ToHashSet();
        return ScreeningQuestionnaire.Questions(washoutMonths).Where(q => q.Severity == severity && yes.Contains(q.Code)).ToList();
    }

    private static ScreeningOutcome Judge(IEnumerable<ScreeningAnswer> answers, IReadOnlyList<ScreeningQuestion> questions)
    {
        var yes = answers.Where(a => a.Yes).Select(a => a.Code).ToHashSet();
        var flagged = questions.Where(q => yes.Contains(q.Code)).ToList();
        return flagged.Any(q => q.Severity == ScreeningSeverity.HardStop) ? ScreeningOutcome.HardStop
            : flagged.Count > 0 ? ScreeningOutcome.NeedsReview
            : ScreeningOutcome.Clear;
    }
}

namespace MicroSpa.Domain.Intake;

public sealed record ScreeningAnswer(string Code, bool Yes);

/// <summary>
/// A client's dated answers to one version of the screening questions and what they mean for booking. The
/// version is immutable, so the answers keep the wording and outcome the client was shown.
/// </summary>
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

    /// <summary>Records answers to the version the client was shown; every question of it must be answered.</summary>
    public static Screening Record(Guid clientId, ScreeningQuestionnaire questionnaire, IReadOnlyDictionary<string, bool> answers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        if (questionnaire.Questions.FirstOrDefault(q => !answers.ContainsKey(q.Code)) is { } missing)
        {
            throw new DomainException("Answer every question, yes or no.", missing.Code);
        }

        var screening = new Screening
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            AnsweredAt = now.ToUniversalTime(),
            QuestionnaireVersion = questionnaire.Version,
        };
        screening._answers.AddRange(questionnaire.Questions.Select(q => new ScreeningAnswer(q.Code, answers[q.Code])));
        screening.Outcome = questionnaire.Judge(screening._answers);
        return screening;
    }

    /// <summary>Whether the client may confirm "nothing has changed" instead of answering again (same questions, recent, no hard stop).</summary>
    public bool CanBeConfirmedUnchanged(DateTimeOffset now, int validDays, int currentQuestionnaireVersion) =>
        Outcome != ScreeningOutcome.HardStop
        && QuestionnaireVersion == currentQuestionnaireVersion
        && now.ToUniversalTime() - AnsweredAt <= TimeSpan.FromDays(validDays);

    /// <summary>A new, dated screening with the same answers, for a client who says nothing changed.</summary>
    public Screening ConfirmUnchanged(DateTimeOffset now, int validDays, int currentQuestionnaireVersion)
    {
        if (!CanBeConfirmedUnchanged(now, validDays, currentQuestionnaireVersion))
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

    /// <summary>
    /// The questions answered "yes" with the given severity, as they were worded in the version the client
    /// was shown (the reasons shown to client and provider).
    /// </summary>
    public IReadOnlyList<ScreeningQuestion> Flags(ScreeningQuestionnaire shown, ScreeningSeverity severity)
    {
        ArgumentNullException.ThrowIfNull(shown);
        if (shown.Version != QuestionnaireVersion)
        {
            throw new ArgumentException($"This screening was answered on version {QuestionnaireVersion}, not {shown.Version}.", nameof(shown));
        }

        var yes = _answers.Where(a => a.Yes).Select(a => a.Code).ToHashSet();
        return shown.Questions.Where(q => q.Severity == severity && yes.Contains(q.Code)).ToList();
    }
}

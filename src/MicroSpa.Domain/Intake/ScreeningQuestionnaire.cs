using System.Globalization;
using System.Text.RegularExpressions;

namespace MicroSpa.Domain.Intake;

/// <summary>What a "yes" to a question does to the screening.</summary>
public enum ScreeningSeverity
{
    /// <summary>Cannot self-book needling; book a consultation instead. No needling until the medical director clears the client.</summary>
    HardStop = 1,

    /// <summary>May book; the provider reviews before treating.</summary>
    NeedsReview = 2,

    /// <summary>Recorded for the care team; changes nothing.</summary>
    Clear = 3,
}

public enum ScreeningOutcome
{
    Clear = 1,
    NeedsReview = 2,
    HardStop = 3,
}

public enum WashoutUnit
{
    Days = 1,
    Weeks = 2,
    Months = 3,
}

/// <param name="Code">Stable key stored with the answers (lower-case letters, digits and hyphens).</param>
/// <param name="Wording">The question as the medical director wrote it; <c>{washout}</c> stands where the washout period is said.</param>
/// <param name="Severity">What a "yes" does (clear, needs review, hard stop).</param>
/// <param name="Explanation">Why a "yes" matters, in plain words, shown when it stops or flags a booking.</param>
/// <param name="WashoutAmount">How long since the last dose or procedure counts (with <paramref name="WashoutUnit"/>), or null.</param>
/// <param name="WashoutUnit">The unit of <paramref name="WashoutAmount"/>.</param>
public sealed record ScreeningQuestion(
    string Code, string Wording, ScreeningSeverity Severity, string Explanation, int? WashoutAmount = null, WashoutUnit? WashoutUnit = null)
{
    public const string WashoutPlaceholder = "{washout}";
    public const int CodeLength = 40;
    public const int WordingLength = 400;
    public const int ExplanationLength = 400;

    /// <summary>The question the client reads, with the washout period written out ("6 months").</summary>
    public string Text => Washout is { } washout ? Wording.Replace(WashoutPlaceholder, washout, StringComparison.Ordinal) : Wording;

    /// <summary>The washout period in words ("6 months"), or null.</summary>
    public string? Washout => WashoutAmount is { } amount && WashoutUnit is { } unit ? Describe(amount, unit) : null;

    public static string Describe(int amount, WashoutUnit unit)
    {
        var word = unit switch
        {
            Intake.WashoutUnit.Days => "day",
            Intake.WashoutUnit.Weeks => "week",
            _ => "month",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{amount} {word}{(amount == 1 ? string.Empty : "s")}");
    }

    /// <summary>The longest washout a clinic protocol uses, per unit (two years).</summary>
    public static int LongestWashout(WashoutUnit unit) => unit switch
    {
        Intake.WashoutUnit.Days => 730,
        Intake.WashoutUnit.Weeks => 104,
        _ => 24,
    };
}

/// <summary>
/// One published version of the clinic's screening questions (DOMAIN.md "Screening before treatment" is
/// version 1). Versions are never edited: the medical director's change is a new version, and each screening
/// points to the version the client was shown, so its answers keep their wording and their outcome.
/// </summary>
public sealed partial class ScreeningQuestionnaire
{
    public const int MaxQuestions = 60;

    private readonly List<ScreeningQuestion> _questions = [];

    private ScreeningQuestionnaire()
    {
    }

    /// <summary>A version with its questions in the order they are asked; refuses what no clinic could publish.</summary>
    public ScreeningQuestionnaire(int version, IEnumerable<ScreeningQuestion> questions, DateTimeOffset publishedAt, Guid? publishedByUserId, string? publishedByName)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var list = questions.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            Check(list[i], $"Questions[{i}]");
        }

        if (list.Count == 0)
        {
            throw new DomainException("Keep at least one question: a screening cannot be empty.", "Questions");
        }

        if (list.Count > MaxQuestions)
        {
            throw new DomainException($"A screening has at most {MaxQuestions} questions.", "Questions");
        }

        if (list.GroupBy(q => q.Code).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DomainException($"Two questions have the code “{duplicate.Key}”: give each its own.",
                $"Questions[{list.FindLastIndex(q => q.Code == duplicate.Key)}].Code");
        }

        Version = version;
        PublishedAt = publishedAt.ToUniversalTime();
        PublishedByUserId = publishedByUserId;
        PublishedByName = publishedByName;
        _questions.AddRange(list);
    }

    public int Version { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The medical director who published it; null for version 1 (the questions MicroSpa started with).</summary>
    public Guid? PublishedByUserId { get; private set; }

    public string? PublishedByName { get; private set; }

    public IReadOnlyList<ScreeningQuestion> Questions => _questions.AsReadOnly();

    public ScreeningQuestion? Question(string code) => _questions.Find(q => q.Code == code);

    /// <summary>
    /// The next version: the questions edited (kept by code: reworded, their outcome or washout changed),
    /// retired (not asked any more) and added. This version stays as it was; screenings answered on it keep
    /// its wording.
    /// </summary>
    public ScreeningQuestionnaire Revise(IReadOnlyList<QuestionEdit> edits, Guid publishedByUserId, string publishedByName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var next = new List<ScreeningQuestion>();
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i];
            var code = edit.Code?.Trim().ToLowerInvariant() ?? string.Empty;
            var existing = Question(code);
            if (edit.Retire)
            {
                if (existing is null)
                {
                    throw new DomainException("Only a question already asked can be retired.", $"Questions[{i}].Retire");
                }

                continue;
            }

            var question = new ScreeningQuestion(
                code, Normalize(edit.Wording), edit.Severity ?? (ScreeningSeverity)0, Normalize(edit.Explanation), edit.WashoutAmount, edit.WashoutUnit);
            Check(question, $"Questions[{i}]");
            if (next.Any(q => q.Code == code))
            {
                throw new DomainException($"Two questions have the code “{code}”: give each its own.", $"Questions[{i}].Code");
            }

            next.Add(question);
        }

        // Questions the form did not send stay as they are.
        next.AddRange(_questions.Where(q => !edits.Any(e => string.Equals(e.Code?.Trim(), q.Code, StringComparison.OrdinalIgnoreCase))));
        if (next.Count == 0)
        {
            throw new DomainException("Keep at least one question: retiring every question would leave an empty screening.", "Questions");
        }

        if (next.SequenceEqual(_questions))
        {
            throw new DomainException($"These are the questions of version {Version}: change one to publish a new version.", "Questions");
        }

        return new ScreeningQuestionnaire(Version + 1, next, now, publishedByUserId, publishedByName);
    }

    /// <summary>The outcome of answers to this version: a hard stop if any hard-stop question is "yes", else needs review if any review question is.</summary>
    public ScreeningOutcome Judge(IEnumerable<ScreeningAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var yes = answers.Where(a => a.Yes).Select(a => a.Code).ToHashSet();
        var flagged = _questions.Where(q => yes.Contains(q.Code)).ToList();
        return flagged.Any(q => q.Severity == ScreeningSeverity.HardStop) ? ScreeningOutcome.HardStop
            : flagged.Any(q => q.Severity == ScreeningSeverity.NeedsReview) ? ScreeningOutcome.NeedsReview
            : ScreeningOutcome.Clear;
    }

    public static bool IsCode(string? code) => code is not null && CodeShape().IsMatch(code);

    private static void Check(ScreeningQuestion question, string field)
    {
        if (!IsCode(question.Code))
        {
            throw new DomainException(
                $"A code is 2 to {ScreeningQuestion.CodeLength} lower-case letters, digits or hyphens, starting with a letter (e.g. “blood-thinners”).", $"{field}.Code");
        }

        if (question.Wording.Length is 0 or > ScreeningQuestion.WordingLength)
        {
            throw new DomainException($"Write the question (1 to {ScreeningQuestion.WordingLength} characters).", $"{field}.Wording");
        }

        if (question.Explanation.Length > ScreeningQuestion.ExplanationLength)
        {
            throw new DomainException($"An explanation is at most {ScreeningQuestion.ExplanationLength} characters.", $"{field}.Explanation");
        }

        if (!Enum.IsDefined(question.Severity))
        {
            throw new DomainException("Choose what a yes means: clear, needs review or hard stop.", $"{field}.Severity");
        }

        if (question.Severity != ScreeningSeverity.Clear && question.Explanation.Length == 0)
        {
            throw new DomainException("Say why a yes matters: the client reads it when the answer stops or flags a booking.", $"{field}.Explanation");
        }

        var mentions = question.Wording.Contains(ScreeningQuestion.WashoutPlaceholder, StringComparison.Ordinal);
        switch (question.WashoutAmount, question.WashoutUnit)
        {
            case (null, null) when mentions:
                throw new DomainException($"The question says {ScreeningQuestion.WashoutPlaceholder}: set the washout period, or take it out of the wording.",
                    $"{field}.WashoutAmount");
            case (null, null):
                return;
            case (null, _):
                throw new DomainException("Enter the washout as a number (e.g. 6), or leave the unit empty.", $"{field}.WashoutAmount");
            case (_, null):
                throw new DomainException("Choose days, weeks or months for the washout.", $"{field}.WashoutUnit");
            case (_, { } unit) when !Enum.IsDefined(unit):
                throw new DomainException("Choose days, weeks or months for the washout.", $"{field}.WashoutUnit");
            case ({ } amount, { } unit) when amount < 1 || amount > ScreeningQuestion.LongestWashout(unit):
                throw new DomainException($"A washout is 1 to {ScreeningQuestion.LongestWashout(unit)} {unit.ToString().ToLowerInvariant()} (two years at most).",
                    $"{field}.WashoutAmount");
            case (_, _) when !mentions:
                throw new DomainException($"Say the washout in the question: write {ScreeningQuestion.WashoutPlaceholder} where the period goes (e.g. “less than {ScreeningQuestion.WashoutPlaceholder} ago”).",
                    $"{field}.Wording");
        }
    }

    private static string Normalize(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();
}

/// <summary>One row of the medical director's editor: an existing question (by code) changed or retired, or a new one.</summary>
public sealed record QuestionEdit(
    string? Code, string? Wording, ScreeningSeverity? Severity, string? Explanation, int? WashoutAmount, WashoutUnit? WashoutUnit, bool Retire = false);

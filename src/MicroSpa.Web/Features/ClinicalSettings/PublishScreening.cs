using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Intake;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.ClinicalSettings;

/// <summary>
/// The medical director publishes a new version of the screening questions: rewords, changes what a "yes"
/// means or a washout, retires and adds questions (decision 027). Earlier versions stay as they were (every
/// screening points to the version the client answered); from now on online booking and the check-in tablet
/// ask the new one, and a visit screened on an older version is screened again at check-in.
/// </summary>
public static class PublishScreening
{
    /// <summary>Empty rows offered for new questions under the current ones.</summary>
    public const int NewRows = 2;

    public sealed class Command
    {
        /// <summary>The version the editor started from: a version published meanwhile is not overwritten unseen.</summary>
        public int BasedOnVersion { get; set; }

        public List<Row> Questions { get; set; } = [];
    }

    public sealed class Row
    {
        /// <summary>The code of a question already asked (sent back unchanged), or the one the director gives a new question.</summary>
        [Display(Name = "Code")]
        public string? Code { get; set; }

        /// <summary>True for the rows offered for new questions; a new row left empty is ignored.</summary>
        public bool IsNew { get; set; }

        [Display(Name = "Question")]
        public string? Wording { get; set; }

        [Display(Name = "A yes means")]
        public ScreeningSeverity? Severity { get; set; }

        [Display(Name = "Why a yes matters")]
        public string? Explanation { get; set; }

        [Display(Name = "Washout")]
        public int? WashoutAmount { get; set; }

        [Display(Name = "Washout unit")]
        public WashoutUnit? WashoutUnit { get; set; }

        [Display(Name = "Retire this question")]
        public bool Retire { get; set; }

        public bool IsEmpty =>
            IsNew && string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(Wording) && string.IsNullOrWhiteSpace(Explanation)
            && WashoutAmount is null && WashoutUnit is null;

        public bool Counts => !IsEmpty && !Retire;
    }

    public sealed class RowValidator : AbstractValidator<Row>
    {
        public RowValidator()
        {
            When(r => r.Counts, () =>
            {
                RuleFor(r => r.Code).Must(ScreeningQuestionnaire.IsCode)
                    .WithMessage($"Give the question a code of 2 to {ScreeningQuestion.CodeLength} lower-case letters, digits or hyphens, starting with a letter (e.g. blood-thinners).");
                RuleFor(r => r.Wording).NotEmpty().WithMessage("Write the question.")
                    .MaximumLength(ScreeningQuestion.WordingLength).WithMessage($"A question is at most {ScreeningQuestion.WordingLength} characters.");
                RuleFor(r => r.Severity).NotNull().WithMessage("Choose what a yes means: clear, needs review or hard stop.")
                    .IsInEnum().WithMessage("Choose what a yes means: clear, needs review or hard stop.");
                RuleFor(r => r.Explanation).NotEmpty().When(r => r.Severity is ScreeningSeverity.HardStop or ScreeningSeverity.NeedsReview)
                    .WithMessage("Say why a yes matters: the client reads it when the answer stops or flags a booking.");
                RuleFor(r => r.Explanation).MaximumLength(ScreeningQuestion.ExplanationLength)
                    .WithMessage($"An explanation is at most {ScreeningQuestion.ExplanationLength} characters.");
                RuleFor(r => r.WashoutAmount).NotNull().When(r => r.WashoutUnit is not null)
                    .WithMessage("Enter the washout as a number (e.g. 6), or leave the unit empty.");
                RuleFor(r => r.WashoutAmount).Must((r, amount) => amount >= 1 && amount <= ScreeningQuestion.LongestWashout(r.WashoutUnit!.Value))
                    .When(r => r.WashoutAmount is not null && r.WashoutUnit is { } unit && Enum.IsDefined(unit))
                    .WithMessage(r => $"A washout is 1 to {ScreeningQuestion.LongestWashout(r.WashoutUnit!.Value)} {r.WashoutUnit.ToString()!.ToLowerInvariant()} (two years at most).");
                RuleFor(r => r.WashoutUnit).NotNull().When(r => r.WashoutAmount is not null)
                    .WithMessage("Choose days, weeks or months for the washout.")
                    .IsInEnum().WithMessage("Choose days, weeks or months for the washout.");
                RuleFor(r => r.Wording).Must(w => w!.Contains(ScreeningQuestion.WashoutPlaceholder, StringComparison.Ordinal))
                    .When(r => r.WashoutAmount is not null && r.WashoutUnit is not null && !string.IsNullOrWhiteSpace(r.Wording))
                    .WithMessage($"Say the washout in the question: write {ScreeningQuestion.WashoutPlaceholder} where the period goes (e.g. “less than {ScreeningQuestion.WashoutPlaceholder} ago”).");
                RuleFor(r => r.WashoutAmount).NotNull()
                    .When(r => r.WashoutUnit is null && r.Wording?.Contains(ScreeningQuestion.WashoutPlaceholder, StringComparison.Ordinal) == true)
                    .WithMessage($"The question says {ScreeningQuestion.WashoutPlaceholder}: set the washout period, or take it out of the wording.");
            });
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Questions.Count).LessThanOrEqualTo(ScreeningQuestionnaire.MaxQuestions + NewRows)
                .OverridePropertyName(nameof(Command.Questions))
                .WithMessage($"A screening has at most {ScreeningQuestionnaire.MaxQuestions} questions.");
            RuleForEach(c => c.Questions).SetValidator(new RowValidator());
            RuleFor(c => c).Custom((command, context) =>
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < command.Questions.Count; i++)
                {
                    var row = command.Questions[i];
                    if (!row.IsEmpty && row.Code?.Trim() is { Length: > 0 } code && !seen.Add(code))
                    {
                        context.AddFailure($"{nameof(Command.Questions)}[{i}].{nameof(Row.Code)}",
                            $"Another question already has the code “{code}”: give each question its own.");
                    }
                }

                if (command.Questions.Count > 0 && !command.Questions.Any(r => r.Counts))
                {
                    context.AddFailure(nameof(Command.Questions), "Keep at least one question: retiring every question would leave an empty screening.");
                }
            });
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public static string Stale(int version) =>
            $"Version {version} was published while you were editing. Your changes are still here: compare them with version {version} and publish again.";

        /// <returns>Done with the new version's number, or the messages.</returns>
        public async Task<Outcome<int>> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var current = await db.ScreeningQuestionnaires.AsNoTracking().OrderByDescending(q => q.Version).FirstAsync(cancellationToken);
            if (command.BasedOnVersion != current.Version)
            {
                return Outcome.Fail(nameof(Command.BasedOnVersion), Stale(current.Version));
            }

            // Field names follow the rows as posted, so the empty rows for new questions are dropped only after numbering.
            var rows = command.Questions.Select((row, index) => (row, index)).Where(x => !x.row.IsEmpty).ToList();
            ScreeningQuestionnaire next;
            try
            {
                var publisher = actor.UserId ?? throw new InvalidOperationException("Only a signed-in medical director publishes.");
                next = current.Revise(
                    rows.Select(x => new QuestionEdit(x.row.Code, x.row.Wording, x.row.Severity, x.row.Explanation, x.row.WashoutAmount, x.row.WashoutUnit, x.row.Retire))
                        .ToList(),
                    publisher, actor.Name, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(Renumber(ex.Field, rows.Select(x => x.index).ToList()), ex.Message);
            }

            db.ScreeningQuestionnaires.Add(next);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two directors publishing at once: the version number is the primary key, so one of them is told.
                return Outcome.Fail(nameof(Command.BasedOnVersion), Stale(next.Version));
            }

            logger.LogInformation("Screening questions version {ScreeningVersion} published by account {UserId}", next.Version, actor.UserId);
            return Outcome<int>.Done(next.Version);
        }

        /// <summary>The domain numbers the rows it was given; the form numbers every row it showed.</summary>
        private static string Renumber(string? field, IReadOnlyList<int> postedIndexes)
        {
            if (field is null || !field.StartsWith("Questions[", StringComparison.Ordinal))
            {
                return field ?? string.Empty;
            }

            var close = field.IndexOf(']', StringComparison.Ordinal);
            return int.TryParse(field.AsSpan(10, close - 10), System.Globalization.CultureInfo.InvariantCulture, out var i) && i < postedIndexes.Count
                ? $"Questions[{postedIndexes[i]}]{field[(close + 1)..]}"
                : field;
        }
    }
}

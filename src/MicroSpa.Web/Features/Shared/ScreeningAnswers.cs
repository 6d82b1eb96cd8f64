using FluentValidation;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The health screening as a client posts it, online while booking and on the clinic's tablet at check-in: a yes or no per
/// question of the version the page showed.
/// </summary>
public sealed class ScreeningAnswers
{
    public const string StaleMessage = "The clinic updated these questions while you were answering. Please answer the questions below.";

    public Dictionary<string, bool> Answers { get; set; } = [];

    /// <summary>The version of the questions the page showed; a version published meanwhile is asked instead (null: the current one).</summary>
    public int? QuestionnaireVersion { get; set; }

    /// <summary>Every question of the current version needs an answer; the field name matches the radio group so the message shows beside it.</summary>
    public sealed class Validator : AbstractValidator<ScreeningAnswers>
    {
        public Validator(ScreeningForms forms)
        {
            RuleFor(c => c).CustomAsync(async (answers, context, cancellationToken) =>
            {
                var current = await forms.CurrentAsync(cancellationToken);
                if (answers.QuestionnaireVersion is { } shown && shown != current.Version)
                {
                    context.AddFailure(nameof(QuestionnaireVersion), StaleMessage);
                    return;
                }

                foreach (var question in current.Questions.Where(q => !answers.Answers.ContainsKey(q.Code)))
                {
                    context.AddFailure($"Answers[{question.Code}]", "Answer yes or no.");
                }
            });
        }
    }
}

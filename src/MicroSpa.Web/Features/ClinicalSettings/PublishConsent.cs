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
/// The medical director publishes a new version of the consent text. Earlier versions stay as they were
/// (every signature points to the text the client read); from now on online booking and the check-in
/// tablet show the new one, and a visit signed under an older version is signed again at check-in.
/// </summary>
public static class PublishConsent
{
    public sealed class Command
    {
        /// <summary>The version the editor started from: a version published meanwhile is not overwritten unseen.</summary>
        public int BasedOnVersion { get; set; }

        [Display(Name = "Title")]
        public string Title { get; set; } = string.Empty;

        [Display(Name = "Consent text")]
        public string Body { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the consent a title.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"A title is at most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Body).NotEmpty().WithMessage("Write the consent text.")
                .MaximumLength(ConsentForm.MaxBodyLength).WithMessage($"The consent text is at most {ConsentForm.MaxBodyLength} characters.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public static string Stale(int version) =>
            $"Version {version} was published while you were editing. Your text is still here: compare it with version {version} and publish again.";

        /// <returns>Done with the new version's number, or the messages.</returns>
        public async Task<Outcome<int>> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var current = await db.ConsentForms.AsNoTracking().OrderByDescending(f => f.Version).FirstAsync(cancellationToken);
            if (command.BasedOnVersion != current.Version)
            {
                return Outcome.Fail(Stale(current.Version));
            }

            ConsentForm next;
            try
            {
                next = current.Revise(command.Title, command.Body, actor.UserId ?? throw new InvalidOperationException("Only a signed-in medical director publishes."), actor.Name, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            db.ConsentForms.Add(next);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two directors publishing at once: the version number is the primary key, so one of them is told.
                return Outcome.Fail(Stale(next.Version));
            }

            logger.LogInformation("Consent version {ConsentVersion} published by account {UserId}", next.Version, actor.UserId);
            return Outcome<int>.Done(next.Version);
        }
    }
}

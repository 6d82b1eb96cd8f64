using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Setup;

/// <summary>
/// The Admin publishes a new version of the cancellation and payment policy. Earlier versions stay as they were (an
/// acceptance points to the text the client read); from now on clients read the new one. Audited as a money setting.
/// </summary>
public static class PublishPaymentPolicy
{
    public sealed class Command
    {
        /// <summary>The version the editor started from: a version published meanwhile is not overwritten unseen.</summary>
        public int BasedOnVersion { get; set; }

        [Display(Name = "Policy text")]
        public string Body { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Body).NotEmpty().WithMessage("Write the policy.")
                .MaximumLength(PaymentPolicyText.MaxBodyLength).WithMessage($"The policy is at most {PaymentPolicyText.MaxBodyLength} characters.");
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public static string Stale(int version) =>
            $"Version {version} was published while you were editing. Your text is still here: compare it with version {version} and publish again.";

        /// <returns>Done with the new version's number, or the messages.</returns>
        public async Task<Outcome<int>> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var current = await db.PaymentPolicyTexts.AsNoTracking().OrderByDescending(p => p.Version).FirstAsync(cancellationToken);
            if (command.BasedOnVersion != current.Version)
            {
                return Outcome.Fail(Stale(current.Version));
            }

            PaymentPolicyText next;
            try
            {
                next = current.Revise(command.Body, actor.UserId ?? throw new InvalidOperationException("Only a signed-in Admin publishes."), actor.Name, clock.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            db.PaymentPolicyTexts.Add(next);
            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, ChangeMoneySettings.AuditAction, null, clock.GetUtcNow(),
                $"payment policy version {next.Version} published", actor.Address));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Two Admins publishing at once: the version number is the primary key, so one of them is told.
                return Outcome.Fail(Stale(next.Version));
            }

            logger.LogInformation("Payment policy version {PolicyVersion} published by account {UserId}", next.Version, actor.UserId);
            return Outcome<int>.Done(next.Version);
        }
    }
}

using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain;
using MicroSpa.Domain.Audit;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Staff;

/// <summary>
/// An Admin changes a colleague's name, roles, clinical credential and whether clients can book them,
/// or ends their access. A change of roles renews the security stamp, so sessions signed in with the old
/// roles are refused at their next check. Ending access deactivates the account (a state of its own, not a
/// lockout a password reset would clear): every session of theirs ends at once, and sign-in, password
/// reset and two-factor are refused until an Admin reactivates them; both are audited. The clinic always
/// keeps one Admin.
/// </summary>
public static class ChangeStaffMember
{
    public static readonly IReadOnlyList<ProviderCredential> Credentials = [ProviderCredential.None, ProviderCredential.Esthetician, ProviderCredential.Nurse];

    public sealed class Command
    {
        [Display(Name = "Full name")]
        public string DisplayName { get; set; } = string.Empty;

        public List<string> Roles { get; set; } = [];

        public ProviderCredential Credential { get; set; }

        [Display(Name = "Clients can book this person")]
        public bool Bookable { get; set; }

        [Display(Name = "Can sign in")]
        public bool Active { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter the person's full name.")
                .MaximumLength(FieldLengths.PersonName).WithMessage($"A name can be at most {FieldLengths.PersonName} characters.");
            RuleFor(c => c.Roles).NotEmpty().WithMessage("Choose at least one role.");
            RuleFor(c => c.Roles).Must(roles => roles.All(r => Data.Identity.Roles.Staff.Contains(r))).WithMessage("Choose staff roles from the list.");
            RuleFor(c => c.Credential).Must(c => Credentials.Contains(c)).WithMessage("Choose one credential.");
            RuleFor(c => c.Credential).NotEqual(ProviderCredential.None)
                .When(c => c.Roles.Any(r => Data.Identity.Roles.Clinical.Contains(r)))
                .WithMessage("An esthetician, nurse or medical director needs their credential.");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, UserManager<ApplicationUser> users, Actor actor, TimeProvider clock, ILogger<Handler> logger)
    {
        public const string Deactivated = "staff.deactivated";
        public const string Reactivated = "staff.reactivated";

        private const string AdminsLock = "microspa:admins";

        public const string LastAdminMessage = "The clinic needs at least one Admin who can sign in: make someone else an Admin first.";

        /// <returns>Null when there is no such staff member; done, the upcoming appointments with a provider no longer bookable.</returns>
        /// <remarks>
        /// One unit of work from the first read: after a transient failure it runs again from reading the
        /// account, and every step sets the wanted state, so running it twice ends where running it once does.
        /// </remarks>
        public Task<Outcome<int>?> HandleAsync(Guid userId, Command command, CancellationToken cancellationToken) =>
            db.InTransactionAsync(token => ChangeAsync(userId, command, token), committed: null, cancellationToken);

        private async Task<Outcome<int>?> ChangeAsync(Guid userId, Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null)
            {
                return null;
            }

            var current = await users.GetRolesAsync(user);
            if (current.Contains(Data.Identity.Roles.Client))
            {
                return null;
            }

            var wanted = command.Roles.Distinct().ToList();
            var losesAdmin = current.Contains(Data.Identity.Roles.Admin) && (!wanted.Contains(Data.Identity.Roles.Admin) || !command.Active);
            if (losesAdmin)
            {
                // Changes that take an Admin away run one at a time, so each counts the Admins the others left: two
                // Admins removing each other at once both counted the other and left the clinic with none. The count
                // below runs after the lock, in a new snapshot (read committed), so it sees a change committed meanwhile.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({AdminsLock}))", cancellationToken);
            }

            if (losesAdmin && (await users.GetUsersInRoleAsync(Data.Identity.Roles.Admin)).Count(a => a.Id != user.Id && !a.Deactivated) == 0)
            {
                return Outcome.Fail(nameof(Command.Roles), LastAdminMessage);
            }

            user.DisplayName = command.DisplayName.Trim();
            var remove = current.Except(wanted).ToList();
            var add = wanted.Except(current).ToList();
            if (remove.Count > 0)
            {
                Ensure(await users.RemoveFromRolesAsync(user, remove));
            }

            if (add.Count > 0)
            {
                Ensure(await users.AddToRolesAsync(user, add));
            }

            // Ending access deactivates the account, which stays for the records it signed.
            var deactivates = !command.Active && !user.Deactivated;
            var reactivates = command.Active && user.Deactivated;
            user.DeactivatedAt = deactivates ? clock.GetUtcNow() : command.Active ? null : user.DeactivatedAt;
            if (remove.Count > 0 || add.Count > 0 || deactivates)
            {
                Ensure(await users.UpdateSecurityStampAsync(user));
            }

            if (deactivates || reactivates)
            {
                db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, deactivates ? Deactivated : Reactivated, user.Id, clock.GetUtcNow()));
            }

            var provider = await db.Providers.SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
            try
            {
                if (command.Credential != ProviderCredential.None)
                {
                    if (provider is null)
                    {
                        provider = new Provider(user.DisplayName, command.Credential, command.Bookable && command.Active);
                        provider.LinkAccount(user.Id);
                        db.Providers.Add(provider);
                    }
                    else
                    {
                        provider.Rename(user.DisplayName);
                        provider.ChangeCredential(command.Credential);
                        provider.SetBookable(command.Bookable && command.Active);
                    }
                }
                else
                {
                    // No longer treats clients: the provider record stays on past appointments.
                    provider?.SetBookable(false);
                }
            }
            catch (DomainException ex)
            {
                return Outcome.Fail(ex.Field ?? string.Empty, ex.Message);
            }

            Ensure(await users.UpdateAsync(user));
            await db.SaveChangesAsync(cancellationToken);
            if (deactivates)
            {
                // Every open session ends now, on every instance (the next request of each is refused).
                await ServerSessions.EndAllAsync(db, user.Id, cancellationToken);
            }

            logger.LogInformation("Staff account {UserId} changed: roles {Roles}, active {Active}", user.Id, string.Join(",", wanted), command.Active);

            var upcoming = provider is { Bookable: false }
                ? await db.Appointments.CountAsync(a => a.ProviderId == provider.Id && a.StartsAt > clock.GetUtcNow()
                                                        && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn || a.Status == AppointmentStatus.Held), cancellationToken)
                : 0;
            return Outcome<int>.Done(upcoming);
        }

        private static void Ensure(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Saving the account failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
            }
        }
    }

}

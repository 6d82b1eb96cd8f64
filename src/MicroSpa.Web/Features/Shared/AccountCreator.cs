using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Creates an account with its role and the domain records that belong to it (a client or provider
/// record) in one transaction: all of it is saved, or none of it.
/// </summary>
public sealed class AccountCreator(MicroSpaDbContext db, UserManager<ApplicationUser> users)
{
    public const string EmailTakenMessage = "An account with this email already exists.";

    public async Task<bool> EmailTakenAsync(string email) => await FindByEmailAsync(email) is not null;

    public Task<ApplicationUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(email.Trim());

    /// <summary>Adds a record to be saved with the account (call it from addRecords).</summary>
    public void Add(object record) => db.Add(record);

    /// <remarks>
    /// <c>password</c> is null for staff, who choose theirs through the invitation link;
    /// <c>addRecords</c> adds the records that belong with the new account (through <see cref="Add"/>).
    /// </remarks>
    public async Task<Outcome> CreateAsync(
        ApplicationUser user,
        string? password,
        string role,
        Action<ApplicationUser> addRecords,
        string passwordField,
        CancellationToken cancellationToken)
    {
        try
        {
            // Retried whole after a transient failure; when the commit itself broke, the account's row says
            // whether it was kept, so a sign-up is never told its own email is taken.
            return await db.InTransactionAsync(
                async token =>
                {
                    var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
                    if (!created.Succeeded)
                    {
                        return IdentityErrors.ToOutcome(created, passwordField);
                    }

                    await users.AddToRoleAsync(user, role);
                    addRecords(user);
                    await db.SaveChangesAsync(token);
                    return Outcome.Success;
                },
                committed: token => db.Users.AsNoTracking().AnyAsync(u => u.Id == user.Id, token),
                cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two sign-ups with the same email at the same moment: the database keeps one.
            return Outcome.Fail("Email", EmailTakenMessage);
        }
    }
}

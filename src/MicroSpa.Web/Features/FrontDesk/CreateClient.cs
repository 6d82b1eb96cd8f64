using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Clients;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.FrontDesk;

/// <summary>The front desk creates a client on the spot (phone or walk-in); no login is needed.</summary>
public static class CreateClient
{
    public sealed class Command : IClientDetails
    {
        [Display(Name = "First name")]
        public string FirstName { get; set; } = string.Empty;

        [Display(Name = "Last name")]
        public string LastName { get; set; } = string.Empty;

        [Display(Name = "Email (optional for a walk-in with a phone)")]
        public string? Email { get; set; }

        [Display(Name = "Phone")]
        public string? Phone { get; set; }
    }

    /// <summary>The rules every new client's details follow (<see cref="ClientDetailsRules"/>, shared with the import).</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new ClientDetailsRules());
        }
    }

    public sealed class Handler(MicroSpaDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<(Guid? ClientId, Outcome Outcome)> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var email = string.IsNullOrWhiteSpace(command.Email) ? null : command.Email.Trim();
            if (email is not null && await db.Clients.AnyAsync(c => c.Email != null && c.Email.ToLower() == email.ToLower(), cancellationToken))
            {
                return (null, Outcome.Fail(nameof(Command.Email), "A client with this email already exists: search for them instead."));
            }

            try
            {
                var client = new Client(command.FirstName, command.LastName, email, command.Phone, clock.GetUtcNow());
                db.Clients.Add(client);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Client {ClientId} created by the front desk", client.Id);
                return (client.Id, Outcome.Success);
            }
            catch (DomainException ex)
            {
                return (null, Outcome.Fail(ex.Field ?? string.Empty, ex.Message));
            }
        }
    }
}

using MicroSpa.Data;
using MicroSpa.Domain;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Booking;

/// <summary>A signed-in client takes a chosen time into checkout: it is checked again and kept as a draft.</summary>
public static class StartBooking
{
    public sealed class Command
    {
        public Guid ServiceId { get; set; }
        public List<Guid> AreaIds { get; set; } = [];
        public Guid? ProviderId { get; set; }
        public DateTimeOffset Start { get; set; }
    }

    /// <summary>Either a draft to continue, or why the time cannot be taken and the nearest open times.</summary>
    public sealed record Result(Guid? DraftId, bool NeedsIntake, Outcome Outcome, IReadOnlyList<OpenSlot> Alternatives);

    public sealed class Handler(
        MicroSpaDbContext db, CurrentClient currentClient, BookingChecks checks, TimeProvider clock)
    {
        public const string TakenMessage = BookingChecks.TakenMessage;

        /// <summary>Bookings a client may have started in a day and not confirmed: a person compares a few times, a script fills the table.</summary>
        public const int MaxOpenDrafts = 10;

        public static readonly string TooManyDraftsMessage =
            $"You have started {MaxOpenDrafts} bookings in the last day without confirming them. Finish one of them, or start this one again tomorrow.";

        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            var clientId = await currentClient.RequiredIdAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var dayAgo = now.AddDays(-1);
            var open = await db.BookingDrafts.CountAsync(
                d => d.ClientId == clientId && d.AppointmentId == null && d.StartsAt > now && d.CreatedAt > dayAgo, cancellationToken);
            if (open >= MaxOpenDrafts)
            {
                return new Result(null, false, Outcome.Fail(TooManyDraftsMessage), []);
            }

            var check = await checks.CheckAsync(command.ServiceId, command.AreaIds, command.ProviderId, command.Start, clientId, null, cancellationToken);
            if (!check.Outcome.Succeeded)
            {
                return new Result(null, false, check.Outcome, check.Alternatives);
            }

            var service = await db.Services.Include(s => s.BodyAreas).SingleAsync(s => s.Id == command.ServiceId, cancellationToken);
            BookingDraft draft;
            try
            {
                draft = BookingDraft.Start(clientId, service, command.AreaIds, command.ProviderId, command.Start, now);
            }
            catch (DomainException ex)
            {
                return new Result(null, false, Outcome.Fail(ex.Message), []);
            }

            db.BookingDrafts.Add(draft);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(draft.Id, draft.NeedsIntake, Outcome.Success, []);
        }
    }
}

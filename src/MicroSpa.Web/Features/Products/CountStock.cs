using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MicroSpa.Domain.Billing;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Products;

/// <summary>
/// The desk counts the shelf: the entry records the number found and adds the difference from what the entries
/// said, so on hand becomes the count (nothing is overwritten; the difference stays visible as shrinkage or a find).
/// </summary>
public static class CountStock
{
    public sealed class Command
    {
        [Display(Name = "Counted on the shelf")]
        public int? Counted { get; set; }

        [Display(Name = "Note")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Counted).NotNull().WithMessage("Enter how many are on the shelf.")
                .InclusiveBetween(0, StockEntry.MaxQuantity).WithMessage($"The count is 0 to {StockEntry.MaxQuantity}.");
            RuleFor(c => c.Reason).MaximumLength(StockEntry.ReasonLength).WithMessage($"The note has at most {StockEntry.ReasonLength} characters.");
        }
    }

    public sealed class Handler(StockChanges stock)
    {
        public Task<Outcome?> HandleAsync(Guid itemId, Command command, CancellationToken cancellationToken) =>
            stock.WriteAsync(
                itemId,
                (item, onHand, by, now) => StockEntry.Counted(item, command.Counted!.Value, onHand, by, command.Reason, now),
                field => field switch
                {
                    nameof(StockEntry.CountedQuantity) => nameof(Command.Counted),
                    nameof(StockEntry.Reason) => nameof(Command.Reason),
                    _ => string.Empty,
                },
                cancellationToken);
    }
}

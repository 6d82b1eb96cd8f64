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

namespace MicroSpa.Web.Features.Products;

/// <summary>
/// An Admin adds a retail product or changes one (SKU, name, price, low-stock threshold). A SKU is unique:
/// PostgreSQL's index decides between two Admins saving the same one at once.
/// </summary>
public static class SaveProduct
{
    public const string AuditAction = "money.product";
    public const string SkuTaken = "Another product already has this SKU.";

    public sealed class Command
    {
        [Display(Name = "SKU")]
        public string Sku { get; set; } = string.Empty;

        [Display(Name = "Name")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Price")]
        public decimal? Price { get; set; }

        [Display(Name = "Low stock at (on hand)")]
        public int? LowStockThreshold { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Sku).NotEmpty().WithMessage("Enter the SKU.")
                .MaximumLength(RetailItem.SkuLength).WithMessage($"A SKU has at most {RetailItem.SkuLength} characters.");
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the product's name.")
                .MaximumLength(FieldLengths.ShortName).WithMessage($"A name has at most {FieldLengths.ShortName} characters.");
            RuleFor(c => c.Price).NotNull().WithMessage("Enter the price.");
            RuleFor(c => c.LowStockThreshold).NotNull().WithMessage("Enter how few on hand counts as low (0 for never).");
        }
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock)
    {
        /// <returns>The product's id, or the messages; null when the product to change does not exist.</returns>
        public async Task<(Guid? Id, Outcome Outcome)?> HandleAsync(Guid? id, Command command, CancellationToken cancellationToken)
        {
            RetailItem item;
            try
            {
                if (id is null)
                {
                    item = new RetailItem(command.Sku, command.Name, command.Price!.Value, command.LowStockThreshold!.Value);
                    db.RetailItems.Add(item);
                }
                else
                {
                    if (await db.RetailItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } found)
                    {
                        return null;
                    }

                    item = found;
                    item.Describe(command.Sku, command.Name);
                    item.Reprice(command.Price!.Value);
                    item.SetLowStockThreshold(command.LowStockThreshold!.Value);
                }
            }
            catch (DomainException ex)
            {
                db.ChangeTracker.Clear();
                return (null, Outcome.Fail(Field(ex.Field), ex.Message));
            }

            if (await db.RetailItems.AnyAsync(i => i.Sku == item.Sku && i.Id != item.Id, cancellationToken))
            {
                db.ChangeTracker.Clear();
                return (null, Outcome.Fail(nameof(Command.Sku), SkuTaken));
            }

            db.AuditEntries.Add(new AuditEntry(actor.UserId, actor.Name, null, AuditAction, item.Id, clock.GetUtcNow(),
                $"{(id is null ? "added" : "changed")} {item.Sku}: price {item.Price:0.00}, low at {item.LowStockThreshold}", actor.Address));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another Admin saved the same SKU between our look and our save.
                db.ChangeTracker.Clear();
                return (null, Outcome.Fail(nameof(Command.Sku), SkuTaken));
            }

            return (item.Id, Outcome.Success);
        }

        private static string Field(string? domainField) => domainField switch
        {
            nameof(RetailItem.Sku) => nameof(Command.Sku),
            nameof(RetailItem.Name) => nameof(Command.Name),
            nameof(RetailItem.Price) => nameof(Command.Price),
            nameof(RetailItem.LowStockThreshold) => nameof(Command.LowStockThreshold),
            _ => string.Empty,
        };
    }
}

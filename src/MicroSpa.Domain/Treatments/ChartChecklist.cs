namespace MicroSpa.Domain.Treatments;

/// <summary>One problem in a chart: a refusal (cannot sign), or a warning that needs a written reason.</summary>
public sealed record ChartFinding(string Field, string Message, bool Blocks);

/// <summary>
/// What a needling chart must hold before it is signed, and what the depth rules (<see cref="DepthRules"/>) warn
/// about: the visit's gate, skin type, numbing, device and cartridge, and for every area its depth, passes,
/// endpoint, product and lot, and before photos.
/// </summary>
public static class ChartChecklist
{
    public static IReadOnlyList<ChartFinding> Check(
        TreatmentRecord record, IReadOnlyDictionary<Guid, BodyArea> areas, Device? device, IReadOnlyDictionary<Guid, Product> products,
        DateOnly sessionDate, bool screeningNeedsReview, Intake.TreatmentGate? gate, BeforePhotos? beforePhotos)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(products);
        var findings = new List<ChartFinding>();
        if (gate is not null)
        {
            findings.AddRange(gate.Missing.Select(m => new ChartFinding(TreatmentRecord.GateField, m.Message, true)));
        }

        if (screeningNeedsReview && !record.ScreeningAcknowledged)
        {
            findings.Add(new(nameof(TreatmentRecord.ScreeningAcknowledged), "The screening needs provider review: read the flagged answers and confirm.", true));
        }

        if (record.SkinType is null)
        {
            findings.Add(new(nameof(TreatmentRecord.SkinType), "Choose the Fitzpatrick type.", true));
        }

        if (record.NumbingAgent is null || record.NumbingAppliedAt is null || record.NumbingRemovedAt is null)
        {
            findings.Add(new(nameof(TreatmentRecord.NumbingAgent), "Record the numbing agent and when it was applied and removed.", true));
        }
        else if (record.NumbingRemovedAt <= record.NumbingAppliedAt)
        {
            findings.Add(new(nameof(TreatmentRecord.NumbingRemovedAt), "The numbing was removed before it was applied.", true));
        }
        else if (record.NumbingRemovedAt - record.NumbingAppliedAt < TimeSpan.FromMinutes(TreatmentRecord.MinimumNumbingMinutes))
        {
            findings.Add(new(nameof(TreatmentRecord.NumbingRemovedAt), $"Numbing was on for less than {TreatmentRecord.MinimumNumbingMinutes} minutes.", false));
        }

        if (device is null)
        {
            findings.Add(new(nameof(TreatmentRecord.DeviceId), "Choose the device.", true));
        }

        if (record.CartridgeNeedles is null or < 1 or > 100)
        {
            findings.Add(new(nameof(TreatmentRecord.CartridgeNeedles), "Enter the cartridge's needle count (1 to 100).", true));
        }

        if (record.CartridgeLot is null)
        {
            findings.Add(new(nameof(TreatmentRecord.CartridgeLot), "Enter the cartridge lot number.", true));
        }

        if (record.CartridgeExpiry is not { } expiry)
        {
            findings.Add(new(nameof(TreatmentRecord.CartridgeExpiry), "Enter the cartridge expiry date.", true));
        }
        else if (expiry < sessionDate)
        {
            findings.Add(new(nameof(TreatmentRecord.CartridgeExpiry), $"This cartridge expired on {expiry:d MMM yyyy}: use another one.", true));
        }

        if (record.Areas.Count == 0)
        {
            findings.Add(new(nameof(TreatmentRecord.Areas), "Chart at least one area.", true));
        }

        for (var i = 0; i < record.Areas.Count; i++)
        {
            var row = record.Areas[i];
            var prefix = $"Areas[{i}].";
            if (!areas.TryGetValue(row.BodyAreaId, out var area))
            {
                findings.Add(new(prefix + nameof(ChartedArea.DepthMm), $"{row.AreaName} is no longer in the clinic's areas.", true));
                continue;
            }

            if (row.DepthMm is not { } depth)
            {
                findings.Add(new(prefix + nameof(ChartedArea.DepthMm), $"Enter the depth for {row.AreaName}.", true));
            }
            else if (device is not null)
            {
                var verdict = DepthRules.Check(area, device, depth, record.SkinType);
                if (verdict.Refusal is { } refusal)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.DepthMm), refusal, true));
                }

                foreach (var warning in verdict.Warnings)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.WarningReason), warning + " Give your reason to go on.", row.WarningReason is null));
                }
            }

            if (row.Passes is null or < 1 or > 30)
            {
                findings.Add(new(prefix + nameof(ChartedArea.Passes), $"Enter the passes for {row.AreaName} (1 to 30).", true));
            }

            if (row.Endpoint is null)
            {
                findings.Add(new(prefix + nameof(ChartedArea.Endpoint), $"Choose the endpoint reached on {row.AreaName}.", true));
            }

            if (row.ProductId is { } productId)
            {
                if (!products.TryGetValue(productId, out var product))
                {
                    findings.Add(new(prefix + nameof(ChartedArea.ProductId), "Choose a product from the catalog.", true));
                }
                else if (product.NotForNeedledSkin)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.ProductId), $"{product.Name} is not for needled skin (granuloma risk): choose another product.", true));
                }
                else if (row.ProductLot is null)
                {
                    findings.Add(new(prefix + nameof(ChartedArea.ProductLot), $"Enter the lot of {product.Name}.", true));
                }
            }

            if (beforePhotos?.Shortfall(row) is { } shortfall)
            {
                findings.Add(new(prefix + TreatmentRecord.BeforePhotosField, shortfall, true));
            }
        }

        if (beforePhotos is { NeedsReasonForNone: true } && record.NoPhotosReason is null)
        {
            findings.Add(new(nameof(TreatmentRecord.NoPhotosReason),
                $"The client did not agree to photos: write why there are no before photos (the clinic asks for {beforePhotos.RequiredPerArea} per area).", true));
        }

        return findings;
    }
}

using System.Text.RegularExpressions;

namespace MicroSpa.Web.Tests.Architecture;

/// <summary>
/// docs/architecture.md's feature map stays true: every source file it names exists, so a newcomer's guess from the map
/// lands on a real file. Names are either full paths (<c>src/…/X.cs</c>) or paths under <c>src/MicroSpa.Web/Features/</c>
/// (<c>Plans/EndPlan.cs</c>), always in backticks.
/// </summary>
public sealed partial class ArchitectureDocTests
{
    private const string FeaturesFolder = "src/MicroSpa.Web/Features";

    [GeneratedRegex(@"`((?:src|tests)/[\w./-]+\.cs)`")]
    private static partial Regex FullPath();

    [GeneratedRegex(@"`([A-Z]\w*/(?:[\w-]+/)*[\w.]+\.cs)`")]
    private static partial Regex FeaturePath();

    [Fact]
    public void Every_file_the_feature_map_names_exists()
    {
        var root = RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var named = FullPath().Matches(text).Select(m => m.Groups[1].Value)
            .Concat(FeaturePath().Matches(text).Select(m => $"{FeaturesFolder}/{m.Groups[1].Value}"))
            .Distinct()
            .ToList();

        named.Count.ShouldBeGreaterThan(100, "the feature map names the use-case file of every screen");
        named.Where(path => !File.Exists(Path.Combine(root, path))).ShouldBeEmpty("docs/architecture.md names files that do not exist");
    }

    [Fact]
    public void Every_controller_is_in_the_feature_map()
    {
        var root = RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var controllers = Directory.GetFiles(Path.Combine(root, FeaturesFolder), "*Controller.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(root, FeaturesFolder), f).Replace('\\', '/'));

        controllers.Where(c => !text.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty("controllers missing from docs/architecture.md's feature map");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MicroSpa.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MicroSpa.sln not found above the test binaries.");
    }
}

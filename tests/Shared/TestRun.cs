using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MicroSpa.Tests.Shared;

/// <summary>
/// What a test run cleans up after its last test class (xunit 2 has no assembly fixture): the apps lent to
/// test classes with their databases, then the template those were copied from. Last registered, first run.
/// </summary>
public static class TestRun
{
    private static readonly ConcurrentStack<Func<Task>> AtEnd = new();

    public static void OnEnd(Func<Task> cleanup) => AtEnd.Push(cleanup);

    internal static async Task EndAsync()
    {
        var failures = new List<Exception>();
        while (AtEnd.TryPop(out var cleanup))
        {
            try
            {
                await cleanup();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Cleaning up after the test run failed", failures);
        }
    }
}

/// <summary>
/// xunit's own framework, plus <see cref="TestRun"/>'s cleanup once every test has run and before the run is
/// reported finished (a failure there fails the run), and long test classes started first (<see cref="LongestFirst"/>). Each test project
/// names it in [assembly: TestFramework].
/// </summary>
public sealed class TestRunFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // async void as in xunit's own executor: the runner reports its end through the message sink.
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task AfterTestAssemblyStartingAsync()
        {
            await base.AfterTestAssemblyStartingAsync();
            TestCollectionOrderer = new LongestFirst(TestCases);
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Aggregator.RunAsync(TestRun.EndAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}

/// <summary>
/// Long test classes first, so that a run does not end with one of them running on alone: those marked
/// [StartFirst], then by number of tests (each test class is its own collection).
/// </summary>
internal sealed class LongestFirst(IEnumerable<IXunitTestCase> testCases) : ITestCollectionOrderer
{
    private readonly ILookup<Guid, IXunitTestCase> _byCollection = testCases.ToLookup(t => t.TestMethod.TestClass.TestCollection.UniqueID);

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderByDescending(c => _byCollection[c.UniqueID].Any(t => t.TestMethod.TestClass.Class.GetCustomAttributes(typeof(StartFirstAttribute)).Any()))
            .ThenByDescending(c => _byCollection[c.UniqueID].Count());
}

/// <summary>
/// Starts this test class before the others: its few tests take long (a fuzzer, a table of every endpoint), and
/// started late it would run on alone after every other class has finished.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartFirstAttribute : Attribute;

using Functional.Samples.ReadmeExamples;

// Usage: dotnet run --project samples/ReadmeExamples -- <endpoint> <cik>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ReadmeExamples <endpoint> <cik>");
    return 2;
}
await FacadeExample.RunAsync(new Uri(args[0]), args[1]);
await CoreExample.RunAsync(new Uri(args[0]), args[1]);
return 0;

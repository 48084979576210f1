import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { browseHint, plainHome } from './plain-home.js';
import { cardsCommand, factsCommand, topicsCommand } from './commands/browse.js';
import { newNoteCommand, previewCommand } from './commands/author.js';
import { lintCommand, statsCommand } from './commands/content.js';
import { quizCommand } from './commands/quiz.js';
import { examCommand, examHistoryCommand, examLaunch } from './commands/exam.js';
import { simCommand } from './commands/sim.js';
import { addProgressCommands, appRunner } from './commands/progress.js';
import { addLabCommands } from './commands/lab.js';
import { sandboxRunner } from '../labs/sandbox/index.js';
import { Context, VERSION, type GlobalOptions } from './context.js';
import { EXIT, UsageError } from './errors.js';

export interface Io {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000');
  return Number(value);
}

/**
 * Builds the command tree. Actions store their exit code in `result` instead of exiting, so the
 * caller decides how to end the process (and tests can run commands in-process).
 */
export function buildProgram(io: Io, result: { code: number; run?: () => Promise<number> }): Command {
  const program = new Command('shardlab');
  const ctx = () => new Context(program.opts<GlobalOptions>());
  const json = () => new Option('--json', 'print one JSON document on stdout');

  program
    .description('Study the AWS data-collection services: notes, flashcards, quizzes, mock exams and labs.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--content <dir>', 'notes folder (default: the shipped content/)')
    .option('--labs <dir>', 'labs folder (default: the shipped labs/)')
    .option('--data-dir <dir>', 'progress folder (default: $SHARDLAB_HOME, else the XDG data home)')
    .addOption(new Option('--seed <n>', 'seed for reproducible generation').argParser(parseSeed))
    .argument('[command]', 'a command below; none opens the app')
    .usage('[options] [command]')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`shardlab: ${oneLine(message)}\n`) })
    .action((command: string | undefined) => {
      if (command !== undefined) throw new UsageError(`unknown command '${command}' (see: shardlab --help)`);
      const c = ctx();
      if (!io.stdinIsTTY || !io.stdoutIsTTY) {
        process.stdout.write(plainHome(c.index(), program.helpInformation(), c.contentDir));
        process.stdout.write(`${browseHint(io)}\n`);
        result.code = EXIT.ok;
        return;
      }
      // The app with flashcard progress; edits to the notes show in it while it runs.
      result.run = appRunner(c);
    });

  const content = program.command('content').description('inspect and check the notes').exitOverride();
  content
    .command('stats')
    .description('count files, topics, cards, facts, questions and labs')
    .addOption(json())
    .action((opts) => {
      result.code = statsCommand(ctx(), opts);
    });
  content
    .command('lint')
    .description('check notes and report problems as file:line:column severity code message')
    .argument('[paths...]', 'files or folders (default: the --content folder)')
    .addOption(json())
    .action((paths: string[], opts) => {
      result.code = lintCommand(ctx(), paths, opts);
    });

  content
    .command('new')
    .description('write a skeleton note with one example of every construct')
    .argument('<title>', 'the topic title, e.g. "Amazon MSK"')
    .addOption(json())
    .action((title: string, opts) => {
      result.code = newNoteCommand(ctx(), title, opts, new Date().toISOString().slice(0, 10));
    });
  content
    .command('preview')
    .description('show what one note yields: topics, facts with parsed values, cards, questions, diagnostics')
    .argument('<file>', 'a note file')
    .addOption(json())
    .action((file: string, opts) => {
      result.code = previewCommand(file, opts);
    });

  program
    .command('topics')
    .description('print the topic tree')
    .addOption(json())
    .action((opts) => {
      result.code = topicsCommand(ctx(), opts);
    });
  program
    .command('cards')
    .description('list flashcards')
    .option('--topic <id>', 'only cards under this topic (id or title)')
    .addOption(json())
    .action((opts) => {
      result.code = cardsCommand(ctx(), opts);
    });
  program
    .command('facts')
    .description('search service limits by name, scope or topic')
    .argument('[text]', 'words that must all appear')
    .addOption(json())
    .action((text: string | undefined, opts) => {
      result.code = factsCommand(ctx(), text, opts);
    });

  program
    .command('sim')
    .description('run a scenario file in virtual time and print its metrics (docs/scenarios.md)')
    .argument('<file>', 'a scenario YAML file, e.g. labs/scenarios/hot-partition.yaml')
    .option('--trace', 'also list every simulated event (time and label)')
    .addOption(json())
    .action((file: string, opts) => {
      result.code = simCommand(ctx(), file, opts);
    });

  program
    .command('quiz')
    .description('generate practice questions from the notes and the limits, with answers and explanations')
    .addOption(new Option('--count <n>', 'how many questions').argParser(parseCount).default(10))
    .addOption(new Option('--seed <n>', 'seed: the same seed gives the same questions').argParser(parseSeed))
    .option('--topic <id>', 'only questions under this topic (id or title)')
    .option('--kinds <list>', 'comma-separated kinds: recall,cloze,calc,compare,authored (default: a mix of all)')
    .addOption(json())
    .action((opts) => {
      // A seed from the clock when none is given: practice should not repeat itself run after run.
      result.code = quizCommand(ctx(), opts, () => Date.now() % 2 ** 31);
    });

  const exam = program
    .command('exam')
    .description('timed mock exams: print a paper, list profiles, or show the running attempt')
    .option('--profile <id>', 'dea-c01 (default), das-c01, sprint, or a content/exams/*.yaml profile')
    .addOption(new Option('--seed <n>', 'seed: the same seed gives the same paper').argParser(parseSeed))
    .option('--dry-run', 'print the assembled paper instead of starting')
    .option('--list-profiles', 'list the exam profiles and what the notes cover of each')
    .option('--resume', 'the running attempt: time left and answered, or scored if its time ran out')
    .addOption(json())
    .action((opts) => {
      const c = ctx();
      // In a terminal the exam is the app's; piped, or asked for data, it prints.
      const launch = examLaunch(c, opts, io, Date.now);
      if (launch) result.run = appRunner(c, launch);
      else result.code = examCommand(c, opts, Date.now, () => Date.now() % 2 ** 31);
    });
  exam
    .command('history')
    .description('every finished attempt: date, profile, scaled score, pass, per-topic results')
    .addOption(json())
    .action((opts) => {
      // `exam` has a --json of its own, which commander fills when the flag follows the subcommand.
      result.code = examHistoryCommand(ctx(), { json: Boolean(opts.json || exam.opts().json) }, Date.now);
    });

  addProgressCommands(program, { ctx, io, result }, json);
  addLabCommands(program, { ctx, result, codeRunner: sandboxRunner }, json);

  for (const cmd of [content, ...program.commands, ...content.commands, ...exam.commands]) {
    cmd.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
  }
  return program;
}

/** Commander may add a suggestion on a second line; bad usage gets exactly one line. */
function oneLine(message: string): string {
  return message.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ');
}

/** Runs the CLI and returns the exit code; never throws for bad input. */
export async function main(argv: string[], io: Io): Promise<number> {
  const result: { code: number; run?: () => Promise<number> } = { code: EXIT.ok };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.run ? await result.run() : result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`shardlab: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

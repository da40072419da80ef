// PLACEHOLDER: the CLI dispatcher is being written.
export async function main(argv: string[]): Promise<number> {
  console.log('newsdesk', argv.join(' '));
  return 0;
}

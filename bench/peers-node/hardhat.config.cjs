// Hardhat 2's network (EDR) as `npm run bench:node` runs it: `hardhat node`
// in this folder. Automine (Hardhat's default: each transaction mined in its
// own block before eth_sendRawTransaction answers) unless BENCH_INTERVAL_MS
// asks for interval mining; request logging off, as it is not the chain's
// work; the bench's senders (BENCH_ACCOUNT_KEYS, comma-separated) funded at
// genesis.
const interval = Number(process.env.BENCH_INTERVAL_MS ?? 0);
const keys = (process.env.BENCH_ACCOUNT_KEYS ?? "0x" + "11".repeat(32)).split(",");

module.exports = {
  networks: {
    hardhat: {
      loggingEnabled: false,
      chainId: 31337,
      mining: interval > 0 ? { auto: false, interval } : { auto: true, interval: 0 },
      blockGasLimit: 1_000_000_000,
      accounts: keys.map((privateKey) => ({ privateKey, balance: "1000000000000000000000000" })),
    },
  },
};

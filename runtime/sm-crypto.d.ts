// sm-crypto exports this function, but @types/sm-crypto does not declare it.
import "sm-crypto";

declare module "sm-crypto" {
  namespace sm2 {
    function getPublicKeyFromPrivateKey(privateKey: string): string;
  }
}

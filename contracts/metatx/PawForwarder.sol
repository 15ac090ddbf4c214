// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC2771Forwarder} from "@openzeppelin/contracts/metatx/ERC2771Forwarder.sol";

/// @title PawForwarder
/// @notice The ERC-2771 forwarder of gasless play: OpenZeppelin 5.1's, unchanged. A player
/// signs a ForwardRequest (EIP-712 domain "Pawchain Forwarder", version "1"; per-signer
/// nonce; deadline) and the game's relay submits it; the pets and the markets trust it.
contract PawForwarder is ERC2771Forwarder {
    constructor() ERC2771Forwarder("Pawchain Forwarder") {}
}

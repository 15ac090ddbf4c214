// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPetToken} from "../interfaces/IPetToken.sol";
import {PetToken} from "../PetToken.sol";

/// @title PetLens
/// @notice TEST ONLY, never deployed by scripts: reads what the stateful test checks after
/// every step (the supply, some balances, every pet's owner and record) in one eth_call
/// instead of two per pet, which over RPC saves most of a run's time. It only calls
/// PetToken's public views.
contract PetLens {
    /// @notice The supply, the balances of `accounts`, and the owners and records of pets
    /// 1..totalSupply.
    function read(
        PetToken token,
        address[] calldata accounts
    )
        external
        view
        returns (uint256 supply, uint256[] memory balances, address[] memory owners, IPetToken.Pet[] memory pets)
    {
        supply = token.totalSupply();
        balances = new uint256[](accounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            balances[i] = token.balanceOf(accounts[i]);
        }
        owners = new address[](supply);
        pets = new IPetToken.Pet[](supply);
        for (uint256 id = 1; id <= supply; ++id) {
            owners[id - 1] = token.ownerOf(id);
            pets[id - 1] = token.getPet(id);
        }
    }
}

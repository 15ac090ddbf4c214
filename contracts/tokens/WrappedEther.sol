// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {IWrappedEther} from "../interfaces/IWrappedEther.sol";

/// @title WrappedEther
/// @notice Ether as a plain ERC-20 (WETH9's deposit/withdraw on OpenZeppelin's ERC20), so that
/// offers on pets are paid with a standard approve and need no escrow. No hooks: a transfer
/// never runs the receiver's code. Approving type(uint256).max is never decreased.
contract WrappedEther is IWrappedEther, ERC20 {
    constructor() ERC20("Wrapped Ether", "WETH") {}

    /// @notice Sending ether wraps it for the sender.
    receive() external payable {
        deposit();
    }

    /// @inheritdoc IWrappedEther
    /// @dev Emits {Transfer} from zero and {Deposit}.
    function deposit() public payable {
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    /// @inheritdoc IWrappedEther
    /// @dev Burns first, then sends with all the gas left. Requirements: the caller holds
    /// `amount` and accepts ether. Emits {Transfer} to zero and {Withdrawal}.
    function withdraw(uint256 amount) external {
        _burn(msg.sender, amount);
        emit Withdrawal(msg.sender, amount);
        (bool sent, ) = msg.sender.call{value: amount}("");
        if (!sent) revert WethPaymentFailed(msg.sender, amount);
    }
}

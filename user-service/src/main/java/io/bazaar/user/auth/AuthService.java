package io.bazaar.user.auth;

import java.util.Optional;
import java.util.UUID;

import io.bazaar.user.account.Account;
import io.bazaar.user.account.AccountRepository;
import io.bazaar.user.password.PasswordHashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/** Login, refresh and logout. */
@Service
class AuthService {

	private static final Logger logger = LoggerFactory.getLogger(AuthService.class);

	private final AccountRepository accounts;

	private final PasswordHashing passwords;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	/** Checked against when the email is unknown, so both failures take as long. */
	private final String unknownAccountHash;

	AuthService(AccountRepository accounts, PasswordHashing passwords, AccessTokens accessTokens,
			RefreshTokens refreshTokens) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.unknownAccountHash = passwords.encodeWaiting(UUID.randomUUID().toString());
	}

	/**
	 * @throws InvalidCredentialsException when the email or the password is wrong
	 * @throws io.bazaar.user.password.PasswordHashingBusyException when no permit to
	 * check the password became free in time
	 */
	TokenResponse login(LoginRequest request) {
		Optional<Account> account = this.accounts.findByEmail(request.email());
		String hash = account.map(Account::passwordHash).orElse(this.unknownAccountHash);
		boolean matches = this.passwords.matches(request.password(), hash);
		if (account.isEmpty() || !matches) {
			throw new InvalidCredentialsException();
		}
		return tokens(account.get(), this.refreshTokens.issue(account.get().id()));
	}

	TokenResponse refresh(RefreshTokenRequest request) {
		RefreshTokens.Rotation rotation = this.refreshTokens.rotate(request.refreshToken());
		if (!rotation.accepted()) {
			logger.info("Refresh refused: {} token", rotation.refusal());
			throw new InvalidRefreshTokenException();
		}
		Account account = this.accounts.findById(rotation.userId()).orElseThrow(InvalidRefreshTokenException::new);
		return tokens(account, rotation.successor());
	}

	void logout(RefreshTokenRequest request) {
		this.refreshTokens.revokeFamilyOf(request.refreshToken());
	}

	private TokenResponse tokens(Account account, String refreshToken) {
		return TokenResponse.bearer(this.accessTokens.issue(account), this.accessTokens.ttl().toSeconds(),
				refreshToken);
	}

}
